package org.openimps.ssp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openimps.ssp.config.SecretEncoding;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void secretsAre32FreshHexCharacters() {
        Secrets secrets = new Secrets();
        String a = secrets.newSecret(SecretEncoding.HEX);
        assertTrue(a.matches("[0-9a-f]{32}"), a);
        assertNotEquals(a, secrets.newSecret(SecretEncoding.HEX));
    }

    @Test
    void digestIsBase64OfMd5OfTheTrimmedSecret() {
        // MD5("abc") = 900150983cd24fb0d6963f7d28e17f72
        assertEquals("kAFQmDzST7DWlj99KOF/cg==", Secrets.digestOf("  abc\r\n"));
    }

    @Test
    void digestMatchesDespiteWhitespaceAndLineWrapping() {
        assertTrue(Secrets.digestMatches("\r\n  kAFQmDzST7DW\r\nlj99KOF/cg==  ", "abc"));
    }

    @Test
    void wrongOrGarbledDigestDoesNotMatch() {
        assertFalse(Secrets.digestMatches(Secrets.digestOf("abd"), "abc"));
        assertFalse(Secrets.digestMatches("not base64 !!", "abc"));
        assertFalse(Secrets.digestMatches(null, "abc"));
    }
}
