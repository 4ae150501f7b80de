package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.testing.TestDnsServer;

/**
 * A domain that federates with more peer domains over time than {@code maxSessions}: each stays reachable in
 * turn, because an idle peer's session and connections give their place to the next one; the tables stay within
 * the bound. (Before: the third peer failed for good once two held their places.) Every domain is found by DNS
 * SRV on a test DNS server, and the peers take alpha in as an unlisted domain ({@code openFederation}), the way
 * distinct domains arrive in an open federation.
 */
@ExtendWith(ArquillianExtension.class)
class MorePeersThanSessionsIT {
    private static final List<String> PEERS = List.of("mp-beta", "mp-gamma", "mp-delta");
    private static final TestDnsServer DNS = startDns();
    private final ReferenceApi alpha = new ReferenceApi("mp-alpha");
    private final OperatorClient operator = new OperatorClient("mp-alpha");

    @Deployment(name = "mp-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        Deployments.Config config = new Deployments.Config("alpha.test", "alice").set("maxSessions", 2)
                .set("dns", Map.of("servers", List.of(DNS.address())));
        PEERS.forEach(peer -> config.peer(domain(peer), null, "path", "/" + peer + "/ssp", "tls", "OFF"));
        return Deployments.domain("mp-alpha", config);
    }

    @Deployment(name = "mp-beta", testable = false, order = 2)
    static WebArchive beta() {
        return peer("mp-beta");
    }

    @Deployment(name = "mp-gamma", testable = false, order = 3)
    static WebArchive gamma() {
        return peer("mp-gamma");
    }

    @Deployment(name = "mp-delta", testable = false, order = 4)
    static WebArchive delta() {
        return peer("mp-delta");
    }

    private static WebArchive peer(String context) {
        return Deployments.domain(context, new Deployments.Config(domain(context), "bob")
                .set("openFederation", true)
                .set("unlistedPeers", Map.of("path", "/mp-alpha/ssp", "tls", "OFF"))
                .set("dns", Map.of("servers", List.of(DNS.address()))));
    }

    private static TestDnsServer startDns() {
        TestDnsServer dns = TestDnsServer.start();
        for (String context : List.of("mp-alpha", "mp-beta", "mp-gamma", "mp-delta")) {
            String domain = domain(context);
            dns.srv(domain, 10, 0, ItEnv.httpPort(), "node." + domain, 60).a("node." + domain, "127.0.0.1", 60);
        }
        return dns;
    }

    @AfterAll
    static void stopDns() throws InterruptedException {
        DNS.close();
    }

    private static String domain(String context) {
        return context.substring("mp-".length()) + ".test";
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPeerIsReachableInTurnWithRoomForTwo() {
        for (int round = 0; round < 2; round++) {
            for (String peer : PEERS) {
                Map<String, Object> reply = alpha.sendMessage("alice", "wv:bob@" + domain(peer), "round " + round);
                assertEquals(200, ReferenceApi.statusCode(reply), peer + " in round " + round + ": " + reply);
                List<Object> sessions = (List<Object>) operator.overview().get("sessions");
                assertTrue(sessions.size() <= 2, "sessions held: " + sessions);
            }
        }
        for (String context : List.of("mp-alpha", "mp-beta", "mp-gamma", "mp-delta")) {
            assertTrue(DNS.questionsAbout("_imps-server._tcp." + domain(context)) >= 1, domain(context) + " found by SRV");
        }
        for (String peer : PEERS) {
            ReferenceApi receiver = new ReferenceApi(peer);
            assertEquals(2, receiver.inbox("bob").stream().filter(m -> String.valueOf(m.get("text")).startsWith("round "))
                    .count(), "what " + peer + " received");
        }
    }
}
