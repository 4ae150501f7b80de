package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openimps.ssp.testing.DeployedForm.at;
import static org.openimps.ssp.testing.DeployedForm.attr;
import static org.openimps.ssp.testing.DeployedForm.attrs;
import static org.openimps.ssp.testing.DeployedForm.text;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
import org.openimps.ssp.testing.DeployedForm;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SubscribeRequest;
import org.openimps.ssp.wire.Transaction;
import org.w3c.dom.Element;

/**
 * Every body a deployed IMPS server (Baraza) sent, recorded in wire-samples, replayed over real HTTP in a live
 * session with the server under test (beta.test, where carol lives): its handshake establishes the session, its
 * requests are accepted and answered in its form, and its answers complete our requests. What we send it is read
 * back with {@link DeployedForm}, which knows only the deployed server's form.
 */
@ExtendWith(ArquillianExtension.class)
class DeployedServerCorpusIT {
    private static final String ALICE = "wv:alice@" + ProbePeer.DOMAIN;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ReferenceApi beta = new ReferenceApi("beta");
    private ProbePeer probe;

    @Deployment(name = "beta", testable = false)
    static WebArchive beta() {
        return Deployments.domain("beta", new Deployments.Config("beta.test", "bob", "bea", "carol")
                .peer(ProbePeer.DOMAIN, ProbePeer.url(), "sessionIdStyle", "NUMBER_AT_DOMAIN"));
    }

    @BeforeEach
    void establishTheSessionWithTheDeployedServersOwnHandshake() throws Exception {
        probe = new ProbePeer(ItEnv.ssp("beta"));
        probe.establishSessionFromSamples();
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void theDeployedServersRecordedHandshakeEstablishesASessionInItsIdStyle() {
        assertTrue(probe.theirSessionId().matches("\\d+@beta\\.test"), probe.theirSessionId());
        assertTrue(beta.status().toString().contains("1@" + ProbePeer.DOMAIN), beta.status().toString());
    }

    @Test
    void imTheDeployedServerSendsReachesOurUserAndIsAnsweredWithMessageIdAndStatus() throws Exception {
        Element answer = replay("SendMessageRequest-request", "0000000001-0");
        assertEquals("SendMessageResponse", answer.getLocalName());
        String messageId = attr(answer, "messageID");
        assertFalse(messageId.isEmpty());
        assertEquals("200", attr(at(answer, "Status"), "code"));
        Map<String, Object> delivered = beta.inbox("carol").stream()
                .filter(m -> "e2e-064926 alice to carol (Baraza initiates)".equals(m.get("text"))).findFirst()
                .orElseThrow(() -> new AssertionError("not in carol's inbox: " + beta.inbox("carol")));
        assertEquals(ALICE, delivered.get("from"));
        assertEquals(messageId, delivered.get("messageId"));
    }

    @Test
    void getPresenceTheDeployedServerSendsIsAnsweredWithPresenceValuesItReads() throws Exception {
        Element answer = replay("GetPresenceRequest-request", "0000000004-0");
        assertEquals("GetPresenceResponse", answer.getLocalName());
        Element value = at(answer, "PresenceValue");
        assertEquals("wv:carol@beta.test", attr(value, "userID"));
        assertEquals("T", text(at(value, "PresenceSubList", "OnlineStatus", "PresenceValue")));
        assertEquals("AVAILABLE", text(at(value, "PresenceSubList", "UserAvailability", "PresenceValue")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void presenceNotificationTheDeployedServerSendsIsAnswered200AndKept() throws Exception {
        Element answer = replay("PresenceNotification-request", "0000000003-1");
        assertEquals("Status", answer.getLocalName());
        assertEquals("200", attr(answer, "code"));
        Map<String, Object> known = beta.knownPresence(ALICE);
        assertEquals(Boolean.TRUE, known.get("online"), known.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDeployedServersAnswersCompleteOurRequestsAndOurRequestsAreInItsForm() throws Exception {
        probe.respondWith(t -> answerAsTheDeployedServer(t));

        Map<String, Object> sent = beta.sendMessage("carol", ALICE, "carol to alice, grüße");
        assertEquals(200, ReferenceApi.statusCode(sent), sent.toString());
        assertEquals("alpha-m1795589380435", sent.get("messageId"), "the messageID attribute of its answer");
        assertEquals("Success", ((Map<String, Object>) sent.get("status")).get("description"));

        Map<String, Object> presence = beta.fetchPresence(ALICE);
        assertEquals(200, ReferenceApi.statusCode(presence), presence.toString());
        assertEquals(Boolean.TRUE, ((List<Map<String, Object>>) presence.get("presence")).get(0).get("online"));

        Map<String, Object> subscribed = beta.subscribe("carol", ALICE);
        assertEquals(200, ReferenceApi.statusCode(subscribed), subscribed.toString());
        assertEquals("Complete", ((Map<String, Object>) subscribed.get("status")).get("description"));

        Element message = ourRequest(SendMessageRequest.class);
        assertEquals("No", attr(message, "deliveryReport"));
        assertEquals("wv:carol@beta.test", DeployedForm.requestorUser(message));
        Element info = at(message, "MessageInfo");
        assertEquals(ALICE, attr(at(info, "Recipient", "User"), "userID"));
        assertEquals("wv:carol@beta.test", attr(at(info, "Sender", "User"), "userID"));
        assertEquals("text/plain", attr(info, "contentType"));
        assertFalse(attr(info, "messageID").isEmpty());
        assertEquals("iso8601", attr(at(info, "DateTime"), "format"));
        Element content = at(message, "ContentData");
        assertEquals("base64", attr(content, "encoding"));
        byte[] text = Base64.getMimeDecoder().decode(text(content));
        assertEquals("carol to alice, grüße", new String(text, StandardCharsets.UTF_8));
        assertEquals(String.valueOf(text.length), attr(info, "contentSize"));

        Element getPresence = ourRequest(GetPresenceRequest.class);
        assertEquals("wv:bob@beta.test", DeployedForm.requestorUser(getPresence));
        assertEquals(List.of(ALICE), attrs(getPresence, "VerUserID", "userID"));

        Element subscribe = ourRequest(SubscribeRequest.class);
        assertEquals("wv:carol@beta.test", DeployedForm.requestorUser(subscribe));
        assertEquals(List.of(ALICE), attrs(subscribe, "UserID", "userID"));
    }

    /** The recorded answer of the deployed server to each of our requests, in our session with it. */
    private static Optional<String> answerAsTheDeployedServer(Transaction t) {
        String sample = t.getPayload() instanceof SendMessageRequest ? "SendMessageResponse-response"
                : t.getPayload() instanceof GetPresenceRequest ? "GetPresenceResponse-response"
                : t.getPayload() instanceof SubscribeRequest ? "Status-response" : null;
        return Optional.ofNullable(sample).map(s -> WireSamples.sent(s).session(ProbePeer.ACCEPTED_SESSION_ID)
                .transaction(t.getTransactionId()).xml());
    }

    /** POSTs a recorded request in the probe's session and returns the primitive of the server's answer. */
    private Element replay(String sample, String recordedTxn) throws Exception {
        String txn = recordedTxn + "_" + System.nanoTime();
        probe.postRaw(WireSamples.sent(sample).session(probe.ourSessionId()).transaction(txn).xml(),
                Map.of("x-wv-transactionid", txn, "x-wv-sessionid", probe.ourSessionId()));
        DeployedForm answer = DeployedForm.parse(probe.awaitResponse(txn, WAIT).body());
        Element transaction = at(answer.root(), "Session", "Transaction");
        assertEquals("Response", attr(transaction, "mode"));
        assertEquals(txn, attr(transaction, "transactionID"));
        return answer.primitive();
    }

    /** The bytes of the first request of this type the server sent the probe, as the deployed form reads them. */
    private Element ourRequest(Class<?> type) throws InterruptedException {
        return DeployedForm.parse(probe.await(r -> r.message().getSession() != null && r.message().getSession()
                .getTransactions().stream().anyMatch(t -> type.isInstance(t.getPayload())), WAIT).body()).primitive();
    }
}
