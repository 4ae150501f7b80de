package org.openimps.ssp.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.openimps.ssp.testing.TestDatabase;

/** The store's SQL on both databases it runs on: in-memory H2, which both servers embed, and a real PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class DurableStoreTest {
    @Parameter
    TestDatabase kind;
    private DataSource database;
    private DurableStore store;

    @BeforeEach
    void freshDatabase() {
        database = kind.fresh();
        new Schema(database).install();
        store = new DurableStore(database);
    }

    @Test
    void aQuarantinedRequestIsReadBackWithItsReasonAndARetryClearsIt() {
        List<Long> ids = store.enqueue(List.of(send("alpha.test", "q1"), send("alpha.test", "q2")), "n1");
        assertTrue(store.quarantine(ids.get(0), "dropped " + "x".repeat(2 * OutboxRecord.MAX_REASON)));
        List<OutboxRecord> page = store.undelivered("alpha.test", "n1", 0, 10);
        assertTrue(page.get(0).getQuarantineReason().startsWith("dropped "));
        assertEquals(OutboxRecord.MAX_REASON, page.get(0).getQuarantineReason().length(), "cut to the column");
        assertNull(page.get(1).getQuarantineReason());
        assertTrue(store.quarantine(ids.get(0), null));
        assertNull(store.undelivered("alpha.test", "n1", 0, 10).get(0).getQuarantineReason());
        store.dequeue(ids.get(0));
        assertFalse(store.quarantine(ids.get(0), "gone"));
    }

    private static OutboxRecord send(String domain, String txn) {
        return new OutboxRecord(domain, "beta.test", txn, txn.getBytes(StandardCharsets.UTF_8), 1_000, 2_000);
    }

    private static InboundRecord received(String txn, String session, String fingerprint, long at) {
        return new InboundRecord("beta.test", "alpha.test", txn, session, fingerprint, at);
    }

    @Test
    void enqueuedRequestsComeBackInDeliveryOrderPageByPage() {
        List<Long> ids = store.enqueue(IntStream.range(0, 5).mapToObj(i -> send("alpha.test", "t" + i)).toList(), "n1");
        store.enqueue(List.of(send("gamma.test", "other")), "n1");

        assertEquals(ids.stream().sorted().toList(), ids, "ids rise in the order of the list");
        List<OutboxRecord> first = store.undelivered("alpha.test", "n1", 0, 3);
        List<OutboxRecord> rest = store.undelivered("alpha.test", "n1", first.get(2).getId(), 3);
        assertEquals(List.of("t0", "t1", "t2"), first.stream().map(OutboxRecord::getTransactionId).toList());
        assertEquals(List.of("t3", "t4"), rest.stream().map(OutboxRecord::getTransactionId).toList());
        assertArrayEquals("t3".getBytes(StandardCharsets.UTF_8), rest.get(0).getMessage());
        assertEquals(2_000, rest.get(0).getExpiresAtMillis());
    }

    @Test
    void twoServersOnOneDatabaseTakeDisjointIdBlocks() {
        DurableStore other = new DurableStore(database);
        List<Long> mine = store.enqueue(List.of(send("alpha.test", "a1"), send("alpha.test", "a2")), "n1");
        List<Long> theirs = other.enqueue(List.of(send("alpha.test", "b1")), "n1");
        List<Long> mineAgain = store.enqueue(List.of(send("alpha.test", "a3")), "n1");

        assertEquals(List.of(1L, 2L), mine);
        assertEquals(List.of(PeerTransactionRecord.ID_BLOCK + 1L), theirs);
        assertEquals(List.of(3L), mineAgain, "a server uses up its block before it reads the sequence again");
    }

    @Test
    void dequeueRemovesOnceAndApplyRemovesDeliveredInBulk() {
        List<Long> ids = store.enqueue(List.of(send("alpha.test", "t0"), send("alpha.test", "t1"), send("alpha.test", "t2")), "n1");

        assertTrue(store.dequeue(ids.get(0)));
        assertFalse(store.dequeue(ids.get(0)), "already gone");
        store.apply(List.of(ids.get(1)), Map.of());
        assertEquals(List.of("t2"), store.undelivered("alpha.test", "n1", 0, 10).stream().map(OutboxRecord::getTransactionId).toList());
    }

    @Test
    void admitStoresTheFirstAndFindsItForEveryRepeatEvenInTheSameBatch() {
        List<DurableStore.Admitted> first = store.admit(List.of(received("t1", "s1", "f1", 10), received("t1", "s1", "f1", 11)));
        List<DurableStore.Admitted> later = store.admit(List.of(received("t1", "s2", "f2", 12), received("t2", "s2", "f3", 13)));

        assertTrue(first.get(0).fresh());
        assertFalse(first.get(1).fresh(), "the second of one batch is a repeat of the first");
        assertEquals(first.get(0).record().getId(), first.get(1).record().getId());
        assertFalse(later.get(0).fresh());
        assertEquals("s1", later.get(0).record().getSessionId(), "the stored record, not the candidate");
        assertEquals("f1", later.get(0).record().getFingerprint());
        assertTrue(later.get(1).fresh());
    }

    @Test
    void answersAreStoredAndReuseStartsTheRecordOver() {
        long id = store.admit(List.of(received("t1", "s1", "f1", 10))).get(0).record().getId();
        byte[] answer = {1, 2, 3};

        store.apply(List.of(), Map.of(id, answer));
        InboundRecord answered = store.admit(List.of(received("t1", "s1", "f1", 20))).get(0).record();
        store.reuse(id, "s2", "f2", 30);
        InboundRecord reused = store.admit(List.of(received("t1", "s2", "f2", 40))).get(0).record();

        assertArrayEquals(answer, answered.getAnswer());
        assertEquals("s2", reused.getSessionId());
        assertEquals(30, reused.getReceivedAtMillis());
        assertNull(reused.getAnswer(), "a reused id waits for its new answer");
    }

    @Test
    void aDuplicateKeyFromAnotherWriterRollsBackTheWholeBatch() throws Exception {
        ExecutorService admitter = Executors.newSingleThreadExecutor();
        try (Connection rival = database.getConnection()) {
            // another server inserts t1 and has not committed: this batch's lookup cannot see it yet
            rival.setAutoCommit(false);
            try (Statement insert = rival.createStatement()) {
                insert.executeUpdate("INSERT INTO SSP_INBOUND (ID, LOCAL_DOMAIN, PEER_DOMAIN, TXN_ID, SESSION_ID,"
                        + " FINGERPRINT, RECEIVED_AT) VALUES (9999, 'beta.test', 'alpha.test', 't1', 's1', 'f1', 10)");
            }
            Thread[] admitting = new Thread[1];
            Future<List<DurableStore.Admitted>> batch = admitter.submit(() -> {
                admitting[0] = Thread.currentThread();
                return store.admit(List.of(received("t9", "s1", "f9", 10), received("t1", "s1", "f1", 10)));
            });
            awaitBlocked(admitting);
            rival.commit();

            ExecutionException failed = assertThrows(ExecutionException.class, () -> batch.get(5, TimeUnit.SECONDS));
            assertInstanceOf(StoreException.class, failed.getCause());
        } finally {
            admitter.shutdownNow();
        }
        assertTrue(store.admit(List.of(received("t9", "s1", "f9", 11))).get(0).fresh(), "t9 was rolled back with its batch");
        assertFalse(store.admit(List.of(received("t1", "s1", "f1", 11))).get(0).fresh());
    }

    /** Waits (5 s at most) until the thread waits for the rival's row lock: in H2 a Java wait, in PostgreSQL its backend's. */
    private void awaitBlocked(Thread[] thread) throws InterruptedException, SQLException {
        for (int i = 0; i < 500; i++) {
            Thread t = thread[0];
            if (kind == TestDatabase.H2 ? t != null && (t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING) : postgresWaitsForALock()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the admitting thread never waited for the rival's lock");
    }

    private boolean postgresWaitsForALock() throws SQLException {
        try (Connection connection = database.getConnection(); Statement query = connection.createStatement();
             ResultSet waiting = query.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
            return waiting.next() && waiting.getInt(1) > 0;
        }
    }

    @Test
    void aLostHandlingIsRetakenByOneResendOnlyAndNeverOnceAnswered() {
        InboundRecord first = store.admit(List.of(received("t1", "s1", "f1", 10))).get(0).record();
        assertTrue(store.retake(first.getId(), 10, "s2", 40_000), "no answer 40 s on: taken over");
        assertFalse(store.retake(first.getId(), 10, "s3", 40_001), "a second resend that saw the same record loses");
        store.apply(List.of(), Map.of(first.getId(), "answer".getBytes(StandardCharsets.UTF_8)));
        assertFalse(store.retake(first.getId(), 40_000, "s4", 80_000), "answered: the stored answer is sent instead");
    }

    @Test
    void forgetInboundDropsOnlyOlderRecordsOfThatDomain() {
        store.admit(List.of(received("old", "s1", "f", 10), received("new", "s1", "f", 100)));

        assertEquals(1, store.forgetInbound("beta.test", 50));
        assertEquals(0, store.forgetInbound("gamma.test", 1_000));
        assertTrue(store.admit(List.of(received("old", "s1", "f", 200))).get(0).fresh());
        assertFalse(store.admit(List.of(received("new", "s1", "f", 200))).get(0).fresh());
    }
}
