package org.openimps.ssp.exchange.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.protocol.StatusCode;

class PeerLineTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final PeerLine line = new PeerLine("beta.test", 3);

    @Test
    void reserveRefusesBeyondTheBoundAndReleaseFreesAPlace() {
        assertTrue(line.reserve());
        assertTrue(line.reserve());
        assertTrue(line.reserve());
        assertFalse(line.reserve());
        line.release();
        assertTrue(line.reserve());
    }

    @Test
    void whileRequestsWaitInTheOutboxOnlyNewRequestsJoinThemButResponsesStillGetAPlace() {
        assertTrue(line.reserveOverflow(10));
        assertFalse(line.reserve(), "behind the one in the outbox: order");
        assertTrue(line.reserveResponse(), "a response has no order with our requests");
        assertEquals(1, line.overflow());
    }

    @Test
    void anUpLineAdmitsAtOnce() {
        assertInstanceOf(Decision.Send.class, line.admit(delivery(1)));
        assertEquals(0, line.snapshot().parked());
    }

    @Test
    void afterAFailureNewDeliveriesParkAndTheOldestGoesAloneAsProbeWhenTheBackoffPassed() {
        Delivery failed = delivery(5);
        line.failed(failed, StatusCode.PEER_UNAVAILABLE, "refused", T0, n -> Duration.ofSeconds(1));
        assertInstanceOf(Decision.Park.class, line.admit(delivery(6)));
        assertInstanceOf(Decision.Park.class, line.admit(delivery(7)));
        assertNull(line.probe(T0.plusMillis(500), new ArrayList<>()), "no probe before the backoff passed");
        assertSame(failed, line.probe(T0.plusSeconds(1), new ArrayList<>()));
        assertNull(line.probe(T0.plusSeconds(2), new ArrayList<>()), "one probe at a time");
        List<Delivery> released = line.succeeded();
        assertEquals(List.of(6L, 7L), released.stream().map(d -> d.order).toList(), "the rest, oldest first");
        assertTrue(line.snapshot().up());
    }

    @Test
    void failuresOfDeliveriesAlreadyInFlightCountOnceOnlyAFailedProbeLengthensTheBackoff() {
        List<Integer> asked = new ArrayList<>();
        line.failed(delivery(1), StatusCode.PEER_UNAVAILABLE, "down", T0, n -> { asked.add(n); return Duration.ofSeconds(n); });
        line.failed(delivery(2), StatusCode.PEER_UNAVAILABLE, "down", T0, n -> { asked.add(n); return Duration.ofSeconds(n); });
        line.failed(delivery(3), StatusCode.PEER_UNAVAILABLE, "down", T0, n -> { asked.add(n); return Duration.ofSeconds(n); });
        assertEquals(List.of(1), asked);
        Delivery probe = line.probe(T0.plusSeconds(1), new ArrayList<>());
        line.failed(probe, StatusCode.PEER_UNAVAILABLE, "still down", T0.plusSeconds(1), n -> { asked.add(n); return Duration.ofSeconds(n); });
        assertEquals(List.of(1, 2), asked);
        assertEquals(T0.plusSeconds(3), line.retryAt());
    }

    @Test
    void trafficFromThePeerEndsTheBackoffAtOnce() {
        line.failed(delivery(1), StatusCode.PEER_UNAVAILABLE, "down", T0, n -> Duration.ofMinutes(5));
        assertTrue(line.peerSeen(T0.plusSeconds(1)));
        assertEquals(1, line.probe(T0.plusSeconds(1), new ArrayList<>()).order);
    }

    @Test
    void parkedDeliveriesPastTheirExpiryAreHandedBackToBeGivenUp() {
        line.failed(delivery(1, T0.plusSeconds(10)), StatusCode.PEER_UNAVAILABLE, "down", T0, n -> Duration.ofSeconds(30));
        line.admit(delivery(2, T0.plusSeconds(60)));
        List<Delivery> expired = new ArrayList<>();
        Delivery probe = line.probe(T0.plusSeconds(30), expired);
        assertEquals(List.of(1L), expired.stream().map(d -> d.order).toList());
        assertEquals(2, probe.order);
    }

    @Test
    void aLineIsRetiredOnlyAfterHoldingNothingForTheIdleTimeAndThenTakesNothing() {
        Duration idle = Duration.ofMinutes(5);
        assertTrue(line.reserve());
        assertFalse(line.retireIfIdle(T0, idle), "a delivery outstanding");
        line.release();
        assertFalse(line.retireIfIdle(T0, idle), "first seen empty: marked");
        assertFalse(line.retireIfIdle(T0.plus(Duration.ofMinutes(4)), idle));
        assertTrue(line.retireIfIdle(T0.plus(idle), idle));
        assertFalse(line.reserve(), "retired: its peer gets a new line");
        assertTrue(line.isRetired());
    }

    @Test
    void aLineBackingOffOrHoldingASetAsideRequestIsNeverRetired() {
        Duration idle = Duration.ofMinutes(5);
        RequestDelivery poison = delivery(1);
        line.failed(poison, StatusCode.PEER_UNAVAILABLE, "down", T0, n -> Duration.ofSeconds(1));
        line.quarantine(poison, T0);
        line.succeeded();
        for (int minutes = 0; minutes <= 20; minutes += 5) {
            assertFalse(line.retireIfIdle(T0.plus(Duration.ofMinutes(minutes)), idle), "set aside at minute " + minutes);
        }
    }

    private static RequestDelivery delivery(long order) {
        return delivery(order, T0.plusSeconds(3600));
    }

    @Test
    void aQuarantinedProbeIsSetAsideAndTheNextParkedGoesAtOnce() {
        RequestDelivery poison = delivery(1);
        line.failed(poison, StatusCode.PEER_UNAVAILABLE, "dropped", T0, n -> Duration.ofMinutes(5));
        line.admit(delivery(2));
        assertSame(poison, line.probe(T0.plus(Duration.ofMinutes(5)), new ArrayList<>()));
        line.failed(poison, StatusCode.PEER_UNAVAILABLE, "dropped", T0.plus(Duration.ofMinutes(5)), n -> Duration.ofMinutes(5));
        line.quarantine(poison, T0.plus(Duration.ofMinutes(6)));
        assertEquals(1, line.snapshot().quarantined());
        assertEquals(1, line.snapshot().parked());
        assertEquals(2L, line.probe(T0.plus(Duration.ofMinutes(6)), new ArrayList<>()).order,
                "no backoff wait: it was the message, not the peer");
        assertEquals(List.of(poison), line.waiting(10), "the quarantined one stays listed");
        assertSame(poison, line.takeWaiting(poison.transactionId));
        assertEquals(0, line.snapshot().quarantined());
    }

    private static RequestDelivery delivery(long order, Instant expires) {
        return new RequestDelivery(order, "beta.test", "t" + order, new Object(), expires, new CompletableFuture<>());
    }
}
