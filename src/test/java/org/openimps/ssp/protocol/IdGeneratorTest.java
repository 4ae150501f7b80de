package org.openimps.ssp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.wire.IdGrammar;

class IdGeneratorTest {
    @Test
    void transactionAndSessionIdsMeetTheStrictGrammarAndNeverRepeat() {
        IdGenerator ids = new IdGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String txn = ids.nextTransactionId();
            String sid = ids.newSessionId();
            assertTrue(IdGrammar.isStrict(txn), txn);
            assertTrue(IdGrammar.isStrict(sid), sid);
            assertTrue(seen.add(txn) && seen.add(sid));
        }
    }

    @Test
    void twoGeneratorsDoNotCollideLikeTwoServerStartsWouldNot() {
        assertNotEquals(new IdGenerator().nextTransactionId(), new IdGenerator().nextTransactionId());
    }

    @Test
    void domainStyleSessionIdsEndWithOurDomain() {
        String sid = new IdGenerator().newDomainSessionId("alpha.example");
        assertTrue(sid.matches("\\d+@alpha\\.example"), sid);
        assertEquals("alpha.example", sid.substring(sid.indexOf('@') + 1));
    }
}
