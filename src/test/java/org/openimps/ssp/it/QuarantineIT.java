package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.Transaction;

/**
 * A peer that crashes on one message (it closes the connection without an answer each time that POST arrives)
 * must not hold the rest of our queue for it hostage: after {@code quarantineAfterDrops} such POSTs the message
 * is set aside, the peer's other messages are delivered, and the operator drops it through the admin API.
 */
@ExtendWith(ArquillianExtension.class)
class QuarantineIT {
    private static final int DROPS = 2;
    private static final Jsonb JSON = JsonbBuilder.create();
    private final ReferenceApi beta = new ReferenceApi("qbeta");
    private final OperatorClient operator = new OperatorClient("qbeta");
    private ProbePeer probe;

    @Deployment(name = "qbeta", testable = false)
    static WebArchive beta() {
        return Deployments.domain("qbeta", new Deployments.Config("beta.test", "bob")
                .peer(ProbePeer.DOMAIN, ProbePeer.url(), "retryMinMillis", 100, "retryMaxSeconds", 1)
                .set("quarantineAfterDrops", DROPS)
                .set("transactionTimeoutSeconds", 5) // a message pipelined behind the poison may need a resend
                .set("reference", Map.of("users", List.of("bob"), "httpApi", true, "apiWaitSeconds", 1)));
    }

    @BeforeEach
    void probeThatCrashesOnPoison() throws Exception {
        probe = new ProbePeer(ItEnv.ssp("qbeta"));
        probe.crashOn(t -> t.getPayload() instanceof SendMessageRequest m && m.getContentData().contains("[poison]"));
        probe.respondWith(QuarantineIT::delivered);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void messageThePeerCrashesOnIsQuarantinedTheRestIsDeliveredAndTheOperatorDropsIt() throws Exception {
        CompletableFuture<Integer> poison = beta.sendMessageAsync("bob", "wv:tester@" + ProbePeer.DOMAIN, "[poison] 1");
        List<CompletableFuture<Integer>> others = List.of(
                beta.sendMessageAsync("bob", "wv:tester@" + ProbePeer.DOMAIN, "after 1"),
                beta.sendMessageAsync("bob", "wv:tester@" + ProbePeer.DOMAIN, "after 2"),
                beta.sendMessageAsync("bob", "wv:tester@" + ProbePeer.DOMAIN, "after 3"));
        for (CompletableFuture<Integer> other : others) {
            assertEquals(200, other.get(60, TimeUnit.SECONDS), "a message queued behind the poison one");
        }
        // pipelined, the others overtake the poison message when the peer drops the connection under both; it is
        // set aside once its own count of drops is reached, which may be after they were answered
        String txn = awaitQuarantined();
        // DROPS attempts; an attempt whose pooled connection ended without an answer is POSTed once more on a fresh
        // one (a stale keep-alive connection fails alike), so the peer saw it DROPS to 2 * DROPS times
        int seen = probe.dropped();
        assertTrue(seen >= DROPS && seen <= 2 * DROPS, "the poison message was POSTed " + seen + " times");

        List<Map<String, Object>> queue = queue();
        assertEquals(1, queue.size(), queue.toString());
        Map<String, Object> quarantined = queue.get(0);
        assertEquals("QUARANTINED", quarantined.get("state"));
        assertEquals("SendMessageRequest", quarantined.get("primitive"));
        assertTrue(String.valueOf(quarantined.get("reason")).contains("without an answer"), quarantined.toString());
        assertEquals(1, ((Number) peerRow().get("quarantined")).intValue());
        assertTrue(!poison.isDone(), "its sender still waits: set aside, not lost");

        assertEquals(txn, quarantined.get("transactionId"));
        assertEquals(200, operator.postJson("api/admin/queue/drop", JSON.toJson(Map.of("peer", ProbePeer.DOMAIN,
                "transactionId", txn)), OperatorClient.user(), OperatorClient.password()).statusCode());
        assertEquals(410, poison.get(10, TimeUnit.SECONDS), "its sender learns it was not delivered");
        assertEquals(List.of(), queue());
        assertEquals(404, operator.postJson("api/admin/queue/drop", JSON.toJson(Map.of("peer", ProbePeer.DOMAIN,
                "transactionId", txn)), OperatorClient.user(), OperatorClient.password()).statusCode(), "gone");
        assertEquals(seen, probe.dropped(), "never sent again");
    }

    @Test
    void quarantinedMessageRetriedByTheOperatorIsDeliveredOnceThePeerTakesIt() throws Exception {
        CompletableFuture<Integer> poison = beta.sendMessageAsync("bob", "wv:tester@" + ProbePeer.DOMAIN, "[poison] 2");
        String txn = awaitQuarantined();
        probe.crashOn(t -> false); // the peer was fixed
        assertEquals(200, operator.postJson("api/admin/queue/retry", JSON.toJson(Map.of("peer", ProbePeer.DOMAIN,
                "transactionId", txn)), OperatorClient.user(), OperatorClient.password()).statusCode());
        assertEquals(200, poison.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(), queue());
    }

    @Test
    void aSendThatOutlastsTheApisWaitIsAnswered202AndItsOutcomeIsThereToPoll() throws Exception {
        java.net.http.HttpResponse<String> first = beta.sendMessageOnce("bob", "wv:tester@" + ProbePeer.DOMAIN, "[poison] 3");
        assertEquals(202, first.statusCode(), first.body());
        String poll = (String) ReferenceApi.object(first.body()).get("poll");
        assertEquals(202, beta.poll(poll).statusCode(), "still waiting for the peer");
        String txn = awaitQuarantined();
        assertEquals(200, operator.postJson("api/admin/queue/drop", JSON.toJson(Map.of("peer", ProbePeer.DOMAIN,
                "transactionId", txn)), OperatorClient.user(), OperatorClient.password()).statusCode());
        java.net.http.HttpResponse<String> outcome = beta.poll(poll);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (outcome.statusCode() == 202 && System.nanoTime() < end) {
            Thread.sleep(50);
            outcome = beta.poll(poll);
        }
        assertEquals(200, outcome.statusCode(), outcome.body());
        assertEquals(410, ReferenceApi.statusCode(ReferenceApi.object(outcome.body())));
        assertEquals(404, beta.poll("requests/nosuch").statusCode());
    }

    private String awaitQuarantined() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end && queue().stream().noneMatch(w -> "QUARANTINED".equals(w.get("state")))) {
            Thread.sleep(100);
        }
        return (String) queue().stream().filter(w -> "QUARANTINED".equals(w.get("state"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing quarantined: " + queue())).get("transactionId");
    }

    /** The probe's user takes every message that reaches it. */
    private static Optional<String> delivered(Transaction t) {
        return t.getPayload() instanceof SendMessageRequest ? Optional.of(WireSamples.sent("SendMessageResponse-response")
                .session(ProbePeer.ACCEPTED_SESSION_ID).transaction(t.getTransactionId()).xml()) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> queue() {
        return JSON.fromJson(operator.get("api/admin/queue?peer=" + ProbePeer.DOMAIN), List.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> peerRow() {
        List<Map<String, Object>> peers = JSON.fromJson(operator.get("api/admin/peers"), List.class);
        return peers.stream().filter(p -> ProbePeer.DOMAIN.equals(p.get("domain"))).findFirst().orElseThrow();
    }
}
