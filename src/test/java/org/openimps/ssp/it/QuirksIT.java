package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.protocol.ImpsAddress;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.SubscribeRequest;
import org.openimps.ssp.wire.Transaction;

/**
 * The quirk corpus (src/test/resources/quirks): what deployed peers send that the spec does not say, each
 * accepted with its expected outcome. We are liberal in what we accept; what we send stays strict.
 */
@ExtendWith(ArquillianExtension.class)
class QuirksIT {
    private final ReferenceApi beta = new ReferenceApi("beta");
    private ProbePeer probe;

    @Deployment(name = "beta", testable = false)
    static WebArchive beta() {
        return Deployments.domain("beta", new Deployments.Config("beta.test", "bob", "bea")
                .peer(ProbePeer.DOMAIN, ProbePeer.url(), "sessionIdStyle", "NUMBER_AT_DOMAIN"));
    }

    @BeforeEach
    void connectProbeWithQuirkySetup() throws Exception {
        probe = new ProbePeer(ItEnv.ssp("beta"));
        probe.establishSessionWithQuirks();
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void quirkySetupMessagesEstablishASessionAndOurIdFollowsThePeersStyle() {
        assertTrue(probe.theirSessionId().matches("\\d+@beta\\.test"), probe.theirSessionId());
        assertTrue(beta.status().toString().contains("4711@probe.test"), beta.status().toString());
    }

    @Test
    void everySessionQuirkInTheCorpusGetsItsExpectedAnswer() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Quirks.Case c : Quirks.corpus()) {
            Map<String, String> values = Map.of("sid", probe.ourSessionId(), "theirSid", probe.theirSessionId(),
                    "txn", c.txn, "text", "quirk " + c.txn);
            Map<String, String> headers = new HashMap<>();
            c.headers.forEach((k, v) -> headers.put(k, v.replace("${sid}", probe.ourSessionId())
                    .replace("${theirSid}", probe.theirSessionId())));
            probe.postRaw(Quirks.fill(c.file, values), headers);
            ProbePeer.Received answer = probe.awaitResponse(c.txn, Duration.ofSeconds(10));
            Transaction tx = answer.message().getSession().getTransactions().get(0);
            int code = new Reply.Answered(c.txn, tx.getPayload()).status().getCode();
            if (code != c.expect || tx.mode().orElse(null) != Mode.RESPONSE || !c.txn.equals(answer.headerTxnId())) {
                failures.add(c + ": status " + code + ", mode " + tx.rawMode() + ", header txn " + answer.headerTxnId());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @SuppressWarnings("unchecked")
    void answerSentWithModeRequestStillCompletesOurNotification() throws Exception {
        probe.respondWith(t -> t.getPayload() instanceof PresenceNotification
                ? Optional.of(Quirks.fill("status-answer-as-request.xml",
                        Map.of("sid", probe.ourSessionId(), "txn", t.getTransactionId())))
                : Optional.empty());
        String txn = "qwatch" + System.nanoTime(); // a fresh id: a resend of an old one only gets the stored answer
        probe.pipeline(List.of(new Transaction(Mode.REQUEST, txn, new SubscribeRequest(
                "wv:tester@" + ProbePeer.DOMAIN, List.of("wv:bob@beta.test"))))); // the probe's tester now subscribes to bob
        Transaction subscribed = probe.awaitResponse(txn, Duration.ofSeconds(10)).message().getSession().getTransactions().get(0);
        assertEquals(200, new Reply.Answered(txn, subscribed.getPayload()).status().getCode());

        Map<String, Object> result = beta.setPresence("bob", "BUSY", "quirk test");
        List<Map<String, Object>> notified = (List<Map<String, Object>>) result.get("notified");
        assertEquals(1, notified.size(), result.toString());
        assertEquals(200, ReferenceApi.statusCode(notified.get(0)), notified.toString());
        assertEquals("Status", notified.get(0).get("primitive"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void serverInitiatesItsOwnSessionWithThePeerAndAResponseWithoutStatusCountsAsSuccess() {
        probe.respondWith(t -> t.getPayload() instanceof GetPresenceRequest
                ? Optional.of(Quirks.fill("get-presence-response-without-status.xml",
                        Map.of("sid", ProbePeer.ACCEPTED_SESSION_ID, "txn", t.getTransactionId())))
                : Optional.empty());
        Map<String, Object> reply = beta.fetchPresence(new ImpsAddress("tester", ProbePeer.DOMAIN).toString());
        assertEquals(200, ReferenceApi.statusCode(reply), reply.toString());
        Map<String, Object> presence = ((List<Map<String, Object>>) reply.get("presence")).get(0);
        assertEquals("probing", presence.get("statusText"));
    }
}
