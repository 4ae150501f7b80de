package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two domains, alpha.test and beta.test, as two deployments in one server, federating over loopback HTTP. */
@ExtendWith(ArquillianExtension.class)
class TwoDomainsIT {
    private final ReferenceApi alpha = new ReferenceApi("alpha");
    private final ReferenceApi beta = new ReferenceApi("beta");

    @Deployment(name = "alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("alpha", new Deployments.Config("alpha.test", "alice", "amy")
                .peer("beta.test", ItEnv.ssp("beta").toString()));
    }

    @Deployment(name = "beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("beta", new Deployments.Config("beta.test", "bob", "bea")
                .peer("alpha.test", ItEnv.ssp("alpha").toString()));
    }

    @Test
    void alphaUserImReachesBetaInboxAndSenderGetsTheSendMessageResponse() {
        String text = "hello bob " + UUID.randomUUID();
        Map<String, Object> reply = alpha.sendMessage("alice", "wv:bob@beta.test", text);
        assertEquals(200, ReferenceApi.statusCode(reply), reply.toString());
        assertEquals("SendMessageResponse", reply.get("primitive"));
        Map<String, Object> delivered = beta.inbox("bob").stream().filter(m -> text.equals(m.get("text")))
                .findFirst().orElseThrow(() -> new AssertionError("not in bob's inbox: " + text));
        assertEquals("wv:alice@alpha.test", delivered.get("from"));
        assertEquals(reply.get("messageId"), delivered.get("messageId"), "the id beta gave is the one alpha got back");
    }

    @Test
    void handshakeCompletesBothWaysWithCrossMatchingSessionIds() {
        assertEquals(200, ReferenceApi.statusCode(alpha.sendMessage("amy", "wv:bea@beta.test", "a->b")));
        assertEquals(200, ReferenceApi.statusCode(beta.sendMessage("bea", "wv:amy@alpha.test", "b->a")));
        Map<String, Map<String, Object>> alphaSessions = byRole(alpha.status());
        Map<String, Map<String, Object>> betaSessions = byRole(beta.status());
        assertEquals(2, alphaSessions.size(), alphaSessions.toString());
        assertEquals(2, betaSessions.size(), betaSessions.toString());
        assertEquals(alphaSessions.get("REQUESTOR").get("ourSessionId"), betaSessions.get("PROVIDER").get("theirSessionId"));
        assertEquals(alphaSessions.get("REQUESTOR").get("theirSessionId"), betaSessions.get("PROVIDER").get("ourSessionId"));
        assertEquals(betaSessions.get("REQUESTOR").get("ourSessionId"), alphaSessions.get("PROVIDER").get("theirSessionId"));
        assertTrue(alpha.inbox("amy").stream().anyMatch(m -> "b->a".equals(m.get("text"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void getPresenceRoundTripReturnsTheRemoteUsersCurrentPresence() {
        String note = "in a meeting " + UUID.randomUUID();
        beta.setPresence("bea", "DISCREET", note);
        Map<String, Object> reply = alpha.fetchPresence("wv:bea@beta.test");
        assertEquals(200, ReferenceApi.statusCode(reply), reply.toString());
        assertEquals("GetPresenceResponse", reply.get("primitive"));
        Map<String, Object> presence = ((List<Map<String, Object>>) reply.get("presence")).get(0);
        assertEquals("wv:bea@beta.test", presence.get("userId"));
        assertEquals("DISCREET", presence.get("availability"));
        assertEquals(note, presence.get("statusText"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void presenceChangeIsNotifiedToTheSubscribersDomainWhichAnswers200AndKeepsIt() {
        assertEquals(200, ReferenceApi.statusCode(alpha.subscribe("alice", "wv:bob@beta.test")));
        Map<String, Object> result = beta.setPresence("bob", "NOT_AVAILABLE", "gone fishing");
        List<Map<String, Object>> notified = (List<Map<String, Object>>) result.get("notified");
        assertEquals(1, notified.size(), result.toString());
        assertEquals(200, ReferenceApi.statusCode(notified.get(0)));
        assertEquals("Status", notified.get(0).get("primitive"));
        Map<String, Object> known = alpha.knownPresence("wv:bob@beta.test");
        assertEquals("NOT_AVAILABLE", known.get("availability"), known.toString());
        assertEquals("gone fishing", known.get("statusText"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void unsubscribedUserIsNoLongerNotifiedAndUnsubscribingIsAnswered200() {
        assertEquals(200, ReferenceApi.statusCode(beta.subscribe("bea", "wv:amy@alpha.test")));
        List<Map<String, Object>> before = (List<Map<String, Object>>) alpha.setPresence("amy", "DISCREET", "one").get("notified");
        assertEquals(1, before.size(), before.toString());
        assertEquals(200, ReferenceApi.statusCode(beta.unsubscribe("bea", "wv:amy@alpha.test")));
        List<Map<String, Object>> after = (List<Map<String, Object>>) alpha.setPresence("amy", "AVAILABLE", "two").get("notified");
        assertEquals(List.of(), after);
        assertEquals("one", beta.knownPresence("wv:amy@alpha.test").get("statusText"));
    }

    @Test
    void subscriptionToAnUnknownUserIsAnswered531() {
        assertEquals(531, ReferenceApi.statusCode(alpha.subscribe("alice", "wv:nobody@beta.test")));
    }

    @Test
    void invitationReachesTheInviteeAndItsCancellationWithdrawsIt() {
        Map<String, Object> invited = alpha.invite("alice", "wv:bea@beta.test", "chess at five?");
        assertEquals(200, ReferenceApi.statusCode(invited), invited.toString());
        String inviteId = (String) invited.get("inviteId");
        Map<String, Object> received = beta.invitations("bea").stream().filter(i -> inviteId.equals(i.get("inviteId")))
                .findFirst().orElseThrow(() -> new AssertionError("bea has no invitation " + inviteId));
        assertEquals("wv:alice@alpha.test", received.get("from"));
        assertEquals("chess at five?", received.get("note"));
        assertEquals("IM", received.get("type"));

        assertEquals(200, ReferenceApi.statusCode(alpha.cancelInvite("alice", "wv:bea@beta.test", inviteId)));
        assertTrue(beta.invitations("bea").stream().noneMatch(i -> inviteId.equals(i.get("inviteId"))));
        assertEquals(423, ReferenceApi.statusCode(alpha.cancelInvite("alice", "wv:bea@beta.test", inviteId)),
                "a withdrawn invitation is unknown");
    }

    @Test
    void deliveryReportAskedForComesBackToTheSendersDomain() throws InterruptedException {
        String text = "report this " + UUID.randomUUID();
        Map<String, Object> sent = alpha.sendMessageWithDeliveryReport("amy", "wv:bob@beta.test", text);
        assertEquals(200, ReferenceApi.statusCode(sent), sent.toString());
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end && alpha.deliveryReports("amy").isEmpty()) {
            Thread.sleep(50);
        }
        List<Map<String, Object>> reports = alpha.deliveryReports("amy");
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("wv:bob@beta.test", reports.get(0).get("to"));
        assertEquals(200, ((Number) reports.get(0).get("status")).intValue());
    }

    @Test
    void unknownRecipientIsAnsweredWith531AndUnconfiguredDomainWith516() {
        assertEquals(531, ReferenceApi.statusCode(alpha.sendMessage("alice", "wv:nobody@beta.test", "?")));
        assertEquals(516, ReferenceApi.statusCode(alpha.sendMessage("alice", "wv:x@gamma.test", "?")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byRole(Map<String, Object> status) {
        List<Map<String, Object>> sessions = (List<Map<String, Object>>) status.get("sessions");
        return sessions.stream().collect(java.util.stream.Collectors.toMap(s -> (String) s.get("role"), s -> s));
    }
}
