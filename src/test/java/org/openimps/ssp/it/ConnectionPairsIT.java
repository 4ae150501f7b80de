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

/**
 * S-008 and S-009: each domain's POSTs to the other go through a counting relay, so the test sees the TCP
 * connections themselves. With one pair, the two sessions (one provisioned by each side) share exactly two
 * connections, each carrying one session's requests and the other's responses; with N pairs, N each way.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectionPairsIT {
    private static final CountingProxy TO_BETA = new CountingProxy(ItEnv.httpPort());
    private static final CountingProxy TO_ALPHA = new CountingProxy(ItEnv.httpPort());
    private static final CountingProxy TO_DELTA = new CountingProxy(ItEnv.httpPort());
    private static final CountingProxy TO_GAMMA = new CountingProxy(ItEnv.httpPort());
    private static final int PAIRS = 3;

    private final ReferenceApi alpha = new ReferenceApi("pair-alpha");
    private final ReferenceApi beta = new ReferenceApi("pair-beta");
    private final ReferenceApi gamma = new ReferenceApi("pairs-gamma");
    private final ReferenceApi delta = new ReferenceApi("pairs-delta");

    @Deployment(name = "pair-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("pair-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", TO_BETA.ssp("pair-beta"), "connectionPairs", 1));
    }

    @Deployment(name = "pair-beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("pair-beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", TO_ALPHA.ssp("pair-alpha"), "connectionPairs", 1));
    }

    @Deployment(name = "pairs-gamma", testable = false, order = 3)
    static WebArchive gamma() {
        return Deployments.domain("pairs-gamma", new Deployments.Config("gamma.test", "gil")
                .peer("delta.test", TO_DELTA.ssp("pairs-delta"), "connectionPairs", PAIRS));
    }

    @Deployment(name = "pairs-delta", testable = false, order = 4)
    static WebArchive delta() {
        return Deployments.domain("pairs-delta", new Deployments.Config("delta.test", "dan")
                .peer("gamma.test", TO_GAMMA.ssp("pairs-gamma"), "connectionPairs", PAIRS));
    }

    @AfterAll
    static void closeRelays() throws Exception {
        for (CountingProxy p : List.of(TO_BETA, TO_ALPHA, TO_DELTA, TO_GAMMA)) {
            p.close();
        }
    }

    @Test
    void twoSessionsOneProvisionedByEachSideShareExactlyTwoTcpConnections() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, ReferenceApi.statusCode(alpha.sendMessage("alice", "wv:bob@beta.test", "a" + i)));
            assertEquals(200, ReferenceApi.statusCode(beta.sendMessage("bob", "wv:alice@alpha.test", "b" + i)));
        }
        // a subscription on alpha's session and the notification beta sends back on its own
        assertEquals(200, ReferenceApi.statusCode(alpha.subscribe("alice", "wv:bob@beta.test")));
        beta.setPresence("bob", "DISCREET", "pairs");

        assertEquals(2, sessions(alpha).size(), "alpha requests in one session and provides the other");
        assertEquals(2, sessions(beta).size());
        assertEquals(1, TO_BETA.connections(), "alpha's requests, responses and setup all on connection 1");
        assertEquals(1, TO_ALPHA.connections(), "beta's on connection 2");
        assertTrue(alpha.knownPresence("wv:bob@beta.test").toString().contains("pairs"));
    }

    @Test
    void nConnectionPairsCarryTheTransactionsOfOneSessionPair() {
        for (int i = 0; i < 4 * PAIRS; i++) {
            assertEquals(200, ReferenceApi.statusCode(gamma.sendMessage("gil", "wv:dan@delta.test", "g" + i)));
        }
        assertEquals(1, sessions(gamma).size(), "one session");
        assertEquals(PAIRS, TO_DELTA.connections(), "gamma's requests spread over its " + PAIRS + " connections");
        assertEquals(PAIRS, TO_GAMMA.connections(), "delta's responses over its " + PAIRS);
        TO_DELTA.bytesPerConnection().forEach(b -> assertTrue(b > 1_000, "each carried several POSTs: " + b));
        assertEquals(4 * PAIRS, delta.inbox("dan").size());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sessions(ReferenceApi api) {
        return (List<Map<String, Object>>) api.status().get("sessions");
    }
}
