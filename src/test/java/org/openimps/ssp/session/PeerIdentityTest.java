package org.openimps.ssp.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerIdentityTest {

    @Test
    void aCertificateProvesItsOwnDomainAndOneLevelBelowAWildcardOnly() {
        PeerIdentity exact = new PeerIdentity(Set.of("Beta.Test"));
        assertTrue(exact.proves("beta.test"));
        assertFalse(exact.proves("alpha.test"));
        assertFalse(exact.proves("evil-beta.test"));

        PeerIdentity wildcard = new PeerIdentity(Set.of("*.example.net"));
        assertTrue(wildcard.proves("imps.example.net"));
        assertFalse(wildcard.proves("example.net"));
        assertFalse(wildcard.proves("a.b.example.net"));
        assertFalse(wildcard.proves("badexample.net"));

        assertFalse(PeerIdentity.NONE.proves("beta.test"));
    }
}
