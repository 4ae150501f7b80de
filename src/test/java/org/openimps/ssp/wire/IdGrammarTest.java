package org.openimps.ssp.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdGrammarTest {
    @Test
    void strictGrammarIsAlphanumericAndUnderscoreOnly() {
        assertTrue(IdGrammar.isStrict("Abc_123"));
        assertFalse(IdGrammar.isStrict("0000000012-3"));
        assertFalse(IdGrammar.isStrict("7@b.example"));
        assertFalse(IdGrammar.isStrict(""));
        assertFalse(IdGrammar.isStrict(null));
    }

    @Test
    void liberalGrammarAcceptsWhatDeployedPeersSendButNotSpacesOrOverlongValues() {
        assertTrue(IdGrammar.isAcceptable("0000000012-3"));
        assertTrue(IdGrammar.isAcceptable("7@b.example"));
        assertFalse(IdGrammar.isAcceptable("a b"));
        assertFalse(IdGrammar.isAcceptable("a\r\nSet-Cookie: x"));
        assertFalse(IdGrammar.isAcceptable("x".repeat(IdGrammar.MAX_LENGTH + 1)));
    }
}
