package org.openimps.ssp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.openimps.ssp.store.NodeLeases.Lease;
import org.openimps.ssp.testing.TestDatabase;

/** Nodes of one domain on one database: own rows, leases, and a takeover that happens once, on H2 and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class NodeLeasesTest {
    private static final String DOMAIN = "alpha.test";
    @Parameter
    TestDatabase kind;
    private DurableStore store;
    private NodeLeases leases;

    @BeforeEach
    void freshDatabase() {
        DataSource database = kind.fresh();
        new Schema(database).install();
        store = new DurableStore(database);
        leases = new NodeLeases(database);
    }

    @Test
    void eachNodeReadsBackOnlyTheRowsItStored() {
        store.enqueue(List.of(send("a1"), send("a2")), "n1");
        store.enqueue(List.of(send("b1")), "n2");
        assertEquals(List.of("a1", "a2"), txns(store.undelivered(DOMAIN, "n1", 0, 10)));
        assertEquals(List.of("b1"), txns(store.undelivered(DOMAIN, "n2", 0, 10)));
    }

    @Test
    void aNodeWhoseLeaseRanOutIsTakenOverOnceWithAllItsRows() {
        leases.renew(DOMAIN, new Lease("n1", "run-1", "http://127.0.0.1:1/ssp", 1_000));
        leases.renew(DOMAIN, new Lease("n2", "run-2", null, 1_000));
        store.enqueue(List.of(send("a1"), send("a2")), "n1");
        store.enqueue(List.of(send("b1")), "n2");
        leases.renew(DOMAIN, new Lease("n2", "run-2", null, 40_000));

        assertEquals(Optional.of(2), leases.claim(DOMAIN, "n1", 10_000, "n2", "claim-1"));
        assertEquals(List.of("a1", "a2"), txns(store.claimed("claim-1", 0, 10)));
        assertEquals(List.of("a1", "a2", "b1"), txns(store.undelivered(DOMAIN, "n2", 0, 10)).stream().sorted().toList());
        assertTrue(store.undelivered(DOMAIN, "n1", 0, 10).isEmpty());
        assertEquals(Optional.empty(), leases.claim(DOMAIN, "n1", 10_000, "n3", "claim-2"), "taken once");
        assertEquals(List.of("n2"), leases.nodes(DOMAIN).stream().map(Lease::nodeId).toList());
        assertEquals(Optional.empty(), leases.renew(DOMAIN, new Lease("n1", "run-1", null, 50_000)),
                "n1, back, learns that it had been presumed dead");
    }

    @Test
    void aLeaseRenewedInTimeIsNotTakenOver() {
        leases.renew(DOMAIN, new Lease("n1", "run-1", null, 20_000));
        store.enqueue(List.of(send("a1")), "n1");
        assertEquals(Optional.empty(), leases.claim(DOMAIN, "n1", 10_000, "n2", "claim-1"));
        assertEquals(List.of("a1"), txns(store.undelivered(DOMAIN, "n1", 0, 10)));
        assertEquals("run-1", leases.renew(DOMAIN, new Lease("n1", "run-2", null, 30_000)).orElseThrow().incarnation());
    }

    @Test
    void liveNodesThatClaimTheSameDeadNodeAtOnceMoveItsRowsExactlyOnce() throws Exception {
        leases.renew(DOMAIN, new Lease("dead", "run-0", null, 1_000));
        store.enqueue(IntStream.range(0, 200).mapToObj(i -> send("d" + i)).toList(), "dead");
        int takers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(takers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<Integer>>> claims = new ArrayList<>();
        try {
            for (int i = 0; i < takers; i++) {
                String self = "live" + i;
                claims.add(pool.submit(() -> {
                    go.await();
                    return leases.claim(DOMAIN, "dead", 10_000, self, "claim-" + self);
                }));
            }
            go.countDown();
            List<Integer> won = new ArrayList<>();
            for (Future<Optional<Integer>> claim : claims) {
                claim.get(30, TimeUnit.SECONDS).ifPresent(won::add);
            }
            assertEquals(List.of(200), won, "one taker, with every row");
        } finally {
            pool.shutdownNow();
        }
        int owned = 0;
        for (int i = 0; i < takers; i++) {
            owned += store.undelivered(DOMAIN, "live" + i, 0, 1_000).size();
        }
        assertEquals(200, owned);
    }

    @Test
    void rowsFromBeforeNodesHadOwnersGoToTheFirstNodeThatAsks() throws Exception {
        store.enqueue(List.of(send("old")), null);
        assertEquals(1, leases.claimUnowned(DOMAIN, "n1", "claim-u"));
        assertEquals(0, leases.claimUnowned(DOMAIN, "n2", "claim-v"));
        assertEquals(List.of("old"), txns(store.claimed("claim-u", 0, 10)));
    }

    @Test
    void oneNodeAtATimeEstablishesASessionWithAPeerAndOthersFindItsUrl() {
        leases.renew(DOMAIN, new Lease("n1", "run-1", "http://127.0.0.1:8180/alpha/ssp", 1_000));
        leases.renew(DOMAIN, new Lease("n2", "run-2", "http://127.0.0.1:8280/alpha/ssp", 1_000));
        assertTrue(leases.claimSetup(DOMAIN, "beta.test", "n1", 1_000, 0));
        assertEquals(false, leases.claimSetup(DOMAIN, "beta.test", "n2", 2_000, 0), "n1 holds it");
        assertTrue(leases.claimSetup(DOMAIN, "gamma.test", "n2", 2_000, 0), "another peer is free");
        assertEquals("http://127.0.0.1:8180/alpha/ssp", leases.setupHolder(DOMAIN, "beta.test", 0).orElseThrow().url());

        assertTrue(leases.claimSetup(DOMAIN, "beta.test", "n2", 70_000, 10_000), "n1's claim lapsed");
        assertEquals("n2", leases.setupHolder(DOMAIN, "beta.test", 10_000).orElseThrow().nodeId());
        leases.releaseSetup(DOMAIN, "beta.test", "n1");
        assertEquals("n2", leases.setupHolder(DOMAIN, "beta.test", 10_000).orElseThrow().nodeId(), "not n1's to give back");
        leases.releaseSetup(DOMAIN, "beta.test", "n2");
        assertEquals(Optional.empty(), leases.setupHolder(DOMAIN, "beta.test", 0));
    }

    private static OutboxRecord send(String txn) {
        return new OutboxRecord(DOMAIN, "beta.test", txn, txn.getBytes(StandardCharsets.UTF_8), 1_000, 2_000);
    }

    private static List<String> txns(List<OutboxRecord> rows) {
        return rows.stream().map(OutboxRecord::getTransactionId).toList();
    }
}
