package org.openimps.ssp.exchange.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;

class DeliveryRulesTest {
    private final DeliveryRules rules = new DeliveryRules(3);
    private final RequestDelivery delivery = new RequestDelivery(1, "beta.test", "t1", new Object(),
            Instant.parse("2026-12-06T10:00:00Z"), new CompletableFuture<>());

    @Test
    void thePeersAnswerFinishesTheDeliveryWithThatAnswer() {
        Reply.Answered answer = new Reply.Answered("t1", "the response");
        Decision decision = rules.after(delivery, Outcome.of(answer, false));
        assertSame(answer, assertInstanceOf(Decision.Finish.class, decision).reply());
    }

    @Test
    void aConnectionThatDiesUnderTheSameRequestTimeAfterTimeGetsItQuarantinedAtTheBound() {
        for (int drop = 1; drop < 3; drop++) {
            delivery.postFailed(true);
            Decision.Retry retry = assertInstanceOf(Decision.Retry.class, afterFailedPost());
            assertTrue(retry.endSession(), "the peer may have restarted without our session");
        }
        delivery.postFailed(true);
        Decision.Quarantine quarantine = assertInstanceOf(Decision.Quarantine.class, afterFailedPost());
        assertTrue(quarantine.reason().contains("3 time(s) in a row"), quarantine.reason());
    }

    @Test
    void aRefusedConnectionEndsTheRowOfDropsThePeerIsDownNotCrashingOnTheMessage() {
        delivery.postFailed(true);
        delivery.postFailed(true);
        delivery.postFailed(false);
        assertEquals(StatusCode.PEER_UNAVAILABLE, assertInstanceOf(Decision.Retry.class, afterFailedPost()).code());
        delivery.postFailed(true);
        assertInstanceOf(Decision.Retry.class, afterFailedPost(), "one drop after the refusal, not three");
        delivery.postAccepted();
        assertEquals(0, delivery.drops());
    }

    @Test
    void aTimeoutIsSentAgainInTheSameSessionOnceThenInANewOne() {
        Reply timeout = new Reply.Failed("t1", StatusCode.TIMEOUT, "no response");
        assertEquals(new Decision.SendAgain(false), rules.after(delivery, Outcome.of(timeout, false)));
        assertEquals(new Decision.SendAgain(true), rules.after(delivery, Outcome.of(timeout, false)));
        delivery.failedWith(StatusCode.PEER_UNAVAILABLE, "another failure ends the row");
        assertEquals(new Decision.SendAgain(false), rules.after(delivery, Outcome.of(timeout, false)));
    }

    @Test
    void aFailedHandshakeIsRetriedWithoutEndingASessionThatDoesNotExist() {
        Decision.Retry retry = assertInstanceOf(Decision.Retry.class, rules.after(delivery,
                new Outcome.Unreachable(StatusCode.SESSION_SETUP_FAILED, "wrong digest")));
        assertEquals(StatusCode.SESSION_SETUP_FAILED, retry.code());
        assertTrue(!retry.endSession());
    }

    @Test
    void aRefusalHereIsGivenUpWithItsStatus() {
        Reply refused = new Reply.Failed("t1", StatusCode.SERVICE_UNAVAILABLE, "too many pending");
        assertEquals(new Decision.GiveUp(StatusCode.SERVICE_UNAVAILABLE, "too many pending"),
                rules.after(delivery, Outcome.of(refused, false)));
    }

    private Decision afterFailedPost() {
        return rules.after(delivery, Outcome.of(new Reply.Failed("t1", StatusCode.PEER_UNAVAILABLE, "connection closed"),
                delivery.lastPostDropped()));
    }
}
