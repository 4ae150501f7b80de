package org.openimps.ssp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/postgresql/schema.sql is the module's DDL; what the code assumes of it is checked here. */
class SchemaTest {
    private final List<String> statements = Schema.statements();

    @Test
    void bothSequencesStepByTheIdBlockTheStoreReservesAtATime() {
        List<String> sequences = statements.stream().filter(s -> s.startsWith("CREATE SEQUENCE")).toList();
        assertEquals(2, sequences.size(), sequences.toString());
        sequences.forEach(s -> assertTrue(s.endsWith("START WITH " + PeerTransactionRecord.ID_BLOCK + " INCREMENT BY "
                + PeerTransactionRecord.ID_BLOCK), s));
    }

    @Test
    void theQuarantineReasonColumnHoldsTheLongestReasonStored() {
        assertTrue(statements.stream().anyMatch(s -> s.contains("QUARANTINED VARCHAR(" + OutboxRecord.MAX_REASON + ")")),
                statements.toString());
    }
}
