package org.openimps.ssp.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.wire.Status;

class CorrelationStoreTest {
    private final MutableClock clock = new MutableClock();
    private final CorrelationStore store = new CorrelationStore(3, Duration.ofSeconds(30), clock);

    @Test
    void responseCompletesOnlyTheTransactionWithTheSamePeerSessionAndId() {
        var key = new PendingKey("beta.example", "s1", "t1");
        var pending = register(key);
        assertFalse(store.complete(new PendingKey("evil.example", "s1", "t1"), new Status(200, null)));
        assertFalse(store.complete(new PendingKey("beta.example", "s2", "t1"), new Status(200, null)));
        assertFalse(pending.isDone());
        assertTrue(store.complete(key, new Status(200, null)));
        Reply reply = pending.join();
        assertInstanceOf(Reply.Answered.class, reply);
        assertEquals("t1", reply.transactionId());
        assertEquals(0, store.size());
    }

    @Test
    void transactionWithoutResponseFailsWith408AfterItsTimeoutAndLateResponseIsIgnored() {
        var key = new PendingKey("beta.example", "s1", "t1");
        var pending = register(key);
        clock.advance(Duration.ofSeconds(29));
        store.expire();
        assertFalse(pending.isDone());
        clock.advance(Duration.ofSeconds(2));
        store.expire();
        Reply.Failed failed = assertInstanceOf(Reply.Failed.class, pending.join());
        assertEquals(StatusCode.TIMEOUT, failed.code());
        assertFalse(store.complete(key, new Status(200, null)));
    }

    @Test
    void registrationBeyondTheBoundFailsAt503WithoutEvictingOthers() {
        var first = register(new PendingKey("p", "s", "t0"));
        for (int i = 1; i < 3; i++) {
            register(new PendingKey("p", "s", "t" + i));
        }
        Reply.Failed refused = assertInstanceOf(Reply.Failed.class, register(new PendingKey("p", "s", "t9")).join());
        assertEquals(StatusCode.SERVICE_UNAVAILABLE, refused.code());
        assertEquals(3, store.size());
        assertFalse(first.isDone(), "the first is still pending");
    }

    @Test
    void failedTransactionFreesItsPlace() {
        var key = new PendingKey("p", "s", "t");
        var pending = register(key);
        assertTrue(store.fail(key, StatusCode.PEER_UNAVAILABLE, "connection refused"));
        assertEquals(StatusCode.PEER_UNAVAILABLE, ((Reply.Failed) pending.join()).code());
        assertEquals(0, store.size());
    }

    @Test
    void answeredTransactionsLeaveNothingBehindUntilTheirDeadline() {
        var open = new PendingKey("p", "s", "open");
        var openOutcome = register(open);
        for (int i = 0; i < 1_000; i++) {
            var key = new PendingKey("p", "s", "t" + i);
            register(key);
            clock.advance(Duration.ofMillis(7));
            store.complete(key, new Status(200, null));
        }
        assertEquals(1, store.trackedDeadlines());
        clock.advance(Duration.ofSeconds(30));
        store.expire();
        assertEquals(0, store.trackedDeadlines());
        assertEquals(StatusCode.TIMEOUT, ((Reply.Failed) openOutcome.join()).code());
    }

    @Test
    void transactionsRegisteredWhileTheSweeperRunsAllTimeOutExactlyOnce() throws Exception {
        var sweeps = Executors.newSingleThreadExecutor();
        try {
            AtomicInteger outcomes = new AtomicInteger();
            CorrelationStore racing = new CorrelationStore(100_000, Duration.ofMillis(1), Clock.systemUTC());
            var sweeping = sweeps.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    racing.expire();
                }
            });
            for (int i = 0; i < 20_000; i++) {
                racing.register(new PendingKey("p", "s", "t" + i), reply -> outcomes.incrementAndGet());
            }
            sweeping.get(30, TimeUnit.SECONDS);
            // deadlines fall due at the sweep period's granularity (200 ms): sweep until none is left, or 5 s
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); racing.size() > 0 && System.nanoTime() < end; ) {
                Thread.sleep(20);
                racing.expire();
            }
            assertEquals(0, racing.size());
            assertEquals(20_000, outcomes.get());
        } finally {
            sweeps.shutdownNow();
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Registers with a stage that the store's single callback completes. */
    private java.util.concurrent.CompletableFuture<Reply> register(PendingKey key) {
        java.util.concurrent.CompletableFuture<Reply> outcome = new java.util.concurrent.CompletableFuture<>();
        store.register(key, outcome::complete);
        return outcome;
    }
}
