package org.openimps.ssp.exchange.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.store.DurableStore;
import org.openimps.ssp.store.NodeLeases;
import org.openimps.ssp.store.OutboxRecord;
import org.openimps.ssp.store.Schema;
import org.openimps.ssp.testing.TestClock;
import org.openimps.ssp.testing.TestDatabase;

/** Two nodes of a domain on one database, on a clock the test moves: a node that stops renewing is taken over. */
class NodeMembershipTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final TestClock clock = new TestClock();
    private final DataSource database = TestDatabase.H2.fresh();
    private final DurableStore store;
    private final NodeLeases leases;
    private final List<String> claims = new CopyOnWriteArrayList<>();
    /** What each node's session registry would hold, by node id then peer domain. */
    private final Map<String, Map<String, Integer>> sessionsOf = new ConcurrentHashMap<>();

    NodeMembershipTest() {
        new Schema(database).install();
        store = new DurableStore(database);
        leases = new NodeLeases(database);
    }

    /** Nodes n1 and n2, both registered now. */
    private List<NodeMembership> twoRegisteredNodes() {
        List<NodeMembership> nodes = List.of(node("n1"), node("n2"));
        nodes.forEach(NodeMembership::register);
        return nodes;
    }

    private NodeMembership node(String id) {
        return new NodeMembership("alpha.test", id, "http://127.0.0.1:1/" + id, LEASE, leases, clock, claims::add,
                () -> sessionsOf.getOrDefault(id, Map.of()));
    }

    @Test
    void aNodeThatStopsRenewingHasItsQueueTakenOverAfterTheLeaseAndOnlyThen() {
        NodeMembership two = twoRegisteredNodes().get(1);
        store.enqueue(List.of(send("a1"), send("a2")), "n1");

        clock.advance(LEASE.minusSeconds(1));
        two.tick();
        assertTrue(claims.isEmpty(), "n1's lease has a second left");
        assertEquals(2, two.liveNodes());

        clock.advance(Duration.ofSeconds(2)); // n1 is gone: no tick of its own
        two.tick();
        assertEquals(1, claims.size());
        assertEquals(1, two.liveNodes(), "n1 no longer counts");
        assertEquals(List.of("a1", "a2"), store.claimed(claims.get(0), 0, 10).stream()
                .map(OutboxRecord::getTransactionId).toList());
        assertEquals(List.of("n2"), two.nodes().stream().map(NodeLeases.Lease::nodeId).toList());

        two.tick();
        assertEquals(1, claims.size(), "nothing taken twice");
    }

    @Test
    void aNodeThatRenewsInTimeKeepsItsQueue() {
        List<NodeMembership> nodes = twoRegisteredNodes();
        NodeMembership one = nodes.get(0);
        NodeMembership two = nodes.get(1);
        store.enqueue(List.of(send("a1")), "n1");
        for (int i = 0; i < 6; i++) {
            clock.advance(one.renewEvery());
            one.tick();
            two.tick();
        }
        assertTrue(claims.isEmpty());
        assertEquals(2, two.nodes().size());
    }

    @Test
    void eachNodeSeesWhichNodeHoldsEachPeersSessionsAndADeadNodesAreForgottenAtTheTakeover() {
        List<NodeMembership> nodes = twoRegisteredNodes();
        NodeMembership one = nodes.get(0);
        NodeMembership two = nodes.get(1);
        sessionsOf.put("n1", Map.of("beta.test", 2, "gamma.test", 1));
        sessionsOf.put("n2", Map.of("beta.test", 1));
        one.tick();
        two.tick();
        assertEquals(List.of("beta.test@n1=2", "beta.test@n2=1", "gamma.test@n1=1"), published(two));

        sessionsOf.put("n2", Map.of("delta.test", 1)); // beta's session on n2 ended, one with delta began
        clock.advance(two.renewEvery());
        one.tick();
        two.tick();
        assertEquals(List.of("beta.test@n1=2", "delta.test@n2=1", "gamma.test@n1=1"), published(one));

        clock.advance(LEASE.plusSeconds(1)); // n1 dies
        two.tick();
        assertEquals(List.of("delta.test@n2=1"), published(two), "n1's sessions died with it");
    }

    private static List<String> published(NodeMembership node) {
        return node.sessions().stream().map(s -> s.peerDomain() + "@" + s.nodeId() + "=" + s.sessions()).toList();
    }

    private static OutboxRecord send(String txn) {
        return new OutboxRecord("alpha.test", "beta.test", txn, txn.getBytes(StandardCharsets.UTF_8), 1_000, 2_000);
    }
}
