package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.testing.FreePorts;
import org.openimps.ssp.testing.TestPostgres;

/**
 * One domain on two nodes (separate WildFly JVMs) sharing PostgreSQL behind HAProxy, running exactly
 * {@code deploy/haproxy/haproxy.cfg} and set up by {@code deploy/postgresql/configure-wildfly.sh}; the peer domain
 * beta.test runs on the test server. IMs go both ways while node 1 is killed (SIGKILL) and later started again:
 * node 2 takes over node 1's queue within the lease, every IM a sender saw accepted is delivered, and nothing is
 * delivered twice. WildFly only (the nodes are WildFly processes).
 */
@ExtendWith(ArquillianExtension.class)
class TwoNodesIT {
    private static final String ALPHA = "tn-alpha";
    private static final String BETA = "tn-beta";
    private static final int MESSAGES = 1_000;
    private static final int LEASE_SECONDS = 6;
    private static final int BALANCER_PORT = FreePorts.loopback();
    private static final CountingHost ALPHA_HOST = new CountingHost();
    private static final CountingHost BETA_HOST = new CountingHost();
    private static WildFlyNode node1;
    private static WildFlyNode node2;
    private static Balancer balancer;
    private static DataSource database;

    @Deployment(name = BETA, testable = false)
    static WebArchive beta() {
        return Deployments.domain(BETA, new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", "http://127.0.0.1:" + BALANCER_PORT + "/" + ALPHA + "/ssp",
                        "retryMinMillis", 200, "retryMaxSeconds", 2)
                .set("bridge", BETA_HOST.bridge()));
    }

    @BeforeAll
    static void startAlphaOnTwoNodes() throws Exception {
        Assumptions.assumeTrue("wildfly".equals(ItEnv.server()), "the nodes are WildFly processes");
        boolean required = Boolean.getBoolean("ssp.packages.required");
        if (!required) {
            Assumptions.assumeTrue(TestPostgres.available() && Balancer.binary().isPresent(),
                    "needs PostgreSQL and HAProxy (.ci/run installs them)");
        }
        TestPostgres postgres = TestPostgres.server();
        String url = postgres.newDatabase("cluster");
        database = postgres.dataSource(url.substring(url.lastIndexOf('/') + 1));
        node1 = WildFlyNode.create("node1", 100, WildFlyNode.home().resolve("standalone"));
        node1.configure(Path.of("deploy", "postgresql", "configure-wildfly.sh"), Map.of(
                "PG_JDBC_JAR", Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI()).toString(),
                "SSP_PG_URL", url, "SSP_PG_USER", "postgres", "SSP_PG_PASSWORD", "trust"));
        node2 = WildFlyNode.create("node2", 200, node1.base());
        for (WildFlyNode node : List.of(node1, node2)) {
            node.deploy(alpha(node));
        }
        balancer = new Balancer(BALANCER_PORT, "/" + ALPHA + "/health", node1.httpPort(), node2.httpPort(),
                node1.base().resolveSibling("haproxy.log"));
        startAll(List.of(node1, node2));
    }

    private static WebArchive alpha(WildFlyNode node) {
        String name = node.base().getFileName().toString();
        return Deployments.domain(ALPHA, new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp(BETA).toString(), "retryMinMillis", 200, "retryMaxSeconds", 2)
                .set("nodeId", name)
                .set("nodeUrl", node.url(ALPHA, "ssp").toString())
                .set("leaseSeconds", LEASE_SECONDS)
                .set("bridge", ALPHA_HOST.bridge()));
    }

    private static void startAll(List<WildFlyNode> nodes) {
        nodes.parallelStream().forEach(n -> n.start(ALPHA));
    }

    @AfterAll
    static void stopAll() {
        for (AutoCloseable c : new AutoCloseable[] {balancer, node1, node2, ALPHA_HOST, BETA_HOST}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    @Test
    void imsBothWaysSurviveAKilledNodeDeliveredOnceEachAndTheOtherNodeTakesOverItsQueue() throws Exception {
        betaPinnedToANode();
        String run = Long.toString(System.nanoTime(), 36);
        Map<String, CompletableFuture<Integer>> alphaSends = new ConcurrentHashMap<>();
        Map<String, CompletableFuture<Integer>> betaSends = new ConcurrentHashMap<>();
        ReferenceApi viaNode1 = new ReferenceApi(node1.url(ALPHA, ""));
        ReferenceApi viaNode2 = new ReferenceApi(node2.url(ALPHA, ""));
        ReferenceApi beta = new ReferenceApi(BETA);
        Semaphore inFlight = new Semaphore(64);
        CompletableFuture<Duration> takeover = null;
        for (int i = 0; i < MESSAGES; i++) {
            if (i == MESSAGES / 3) {
                // each node sends to beta in a session of its own, and says so in the table the cluster view reads
                await(Duration.ofSeconds(3L * LEASE_SECONDS), () -> rows("SELECT count(DISTINCT NODE_ID) FROM"
                        + " SSP_NODE_SESSION WHERE PEER_DOMAIN = 'beta.test'") == 2, "both nodes published a session with beta");
                Instant killed = Instant.now(); // the SIGKILL is at once; reaping the process is not part of it
                node1.kill();
                takeover = whenTakenOver(killed);
            }
            String toBeta = "a2b " + i + " " + run;
            String toAlpha = "b2a " + i + " " + run;
            // after the kill, alpha's users on node 1 cannot send (nothing listens there): their sends fail
            ReferenceApi alphaSide = i % 2 == 0 ? viaNode1 : viaNode2;
            alphaSends.put(toBeta, bounded(inFlight, () -> alphaSide.sendMessageAsync("alice", "wv:bob@beta.test", toBeta)));
            betaSends.put(toAlpha, bounded(inFlight, () -> beta.sendMessageAsync("bob", "wv:alice@alpha.test", toAlpha)));
        }
        Duration tookOver = takeover.get(60, java.util.concurrent.TimeUnit.SECONDS);
        System.out.println("TwoNodesIT: node 1's lease and rows taken over " + tookOver.toMillis() + " ms after the kill");
        // the lease, then at most one renewal period of node 2 (a third of the lease) and the claim itself
        assertTrue(tookOver.toMillis() <= 1_000L * (LEASE_SECONDS + LEASE_SECONDS / 3 + 1), "taken over in " + tookOver);
        // and not before: node 1 renewed every third of the lease until the kill, under the full load
        assertTrue(tookOver.toMillis() >= 1_000L * (LEASE_SECONDS - LEASE_SECONDS / 3) - 500, "taken over in " + tookOver);
        assertEquals(0, rows("SELECT count(*) FROM SSP_OUTBOX WHERE OWNER_NODE = 'node1'"));
        assertEquals(0, rows("SELECT count(*) FROM SSP_NODE_SESSION WHERE NODE_ID = 'node1'"), "its sessions died with it");

        startAll(List.of(node1)); // back, empty-handed: its rows are node 2's now
        await(Duration.ofSeconds(180), () -> settled(alphaSends) && settled(betaSends), "every send settled");

        Set<String> alphaAccepted = accepted(alphaSends);
        Set<String> betaAccepted = accepted(betaSends);
        await(Duration.ofSeconds(120), () -> BETA_HOST.deliveredAll(alphaAccepted), "beta's host got every IM alpha accepted");
        await(Duration.ofSeconds(120), () -> ALPHA_HOST.deliveredAll(betaAccepted), "alpha's host got every IM beta accepted");
        assertEquals(Set.of(), unsent(BETA_HOST.texts(), alphaSends.keySet(), run), "delivered to beta, never sent");
        assertEquals(Set.of(), unsent(ALPHA_HOST.texts(), betaSends.keySet(), run), "delivered to alpha, never sent");
        assertEquals(Map.of(), BETA_HOST.duplicates(), "IMs beta's host was handed twice");
        assertEquals(Map.of(), ALPHA_HOST.duplicates(), "IMs alpha's host was handed twice");
        assertEquals(MESSAGES, betaAccepted.size(), "beta's sends all completed 200 (alpha was reachable throughout);"
                + " the others: " + outcomesOtherThan200(betaSends));
        assertTrue(alphaAccepted.size() >= MESSAGES / 2, "node 2's senders at least: " + alphaAccepted.size());
        System.out.println("TwoNodesIT: alpha accepted " + alphaAccepted.size() + " and delivered "
                + BETA_HOST.texts().stream().filter(t -> t.endsWith(" " + run)).count() + "; beta accepted " + betaAccepted.size() + ", alpha's host got "
                + ALPHA_HOST.texts().stream().filter(t -> t.endsWith(" " + run)).count() + " (and " + ALPHA_HOST.redeliveriesSkipped() + " marked redeliveries it had)");
    }

    /** Before the traffic: beta's session setup through the balancer was redirected to a node, and stays there. */
    @SuppressWarnings("unchecked")
    private static void betaPinnedToANode() {
        assertEquals(200, ReferenceApi.statusCode(new ReferenceApi(BETA).sendMessage("bob", "wv:alice@alpha.test", "warm-up")));
        Map<String, Object> alphaRow = ((List<Map<String, Object>>) new OperatorClient(BETA).overview().get("peers"))
                .stream().filter(p -> "alpha.test".equals(p.get("domain"))).findFirst().orElseThrow();
        assertTrue(List.of(node1.url(ALPHA, "ssp").toString(), node2.url(ALPHA, "ssp").toString())
                .contains(String.valueOf(alphaRow.get("endpoint"))), "beta reaches alpha at a node's own URL: " + alphaRow);
    }

    /** Polls (every 100 ms, for at most a minute) until node 1's lease row is gone: the takeover's first step. */
    private static CompletableFuture<Duration> whenTakenOver(Instant killed) {
        return CompletableFuture.supplyAsync(() -> {
            Instant deadline = killed.plusSeconds(60);
            while (rows("SELECT count(*) FROM SSP_NODE WHERE NODE_ID = 'node1'") > 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("node 1's lease was not taken over within 60 s");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return Duration.between(killed, Instant.now());
        });
    }

    /** Sends at most {@code permits} at once: a thousand concurrent HTTP exchanges would measure the test client. */
    private static CompletableFuture<Integer> bounded(Semaphore permits,
                                                     java.util.function.Supplier<CompletableFuture<Integer>> send) {
        permits.acquireUninterruptibly();
        CompletableFuture<Integer> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            permits.release();
            return CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((status, error) -> permits.release());
    }

    private static boolean settled(Map<String, CompletableFuture<Integer>> sends) {
        return sends.values().stream().allMatch(CompletableFuture::isDone);
    }

    private static Set<String> accepted(Map<String, CompletableFuture<Integer>> sends) {
        Set<String> out = new HashSet<>();
        sends.forEach((text, status) -> {
            if (!status.isCompletedExceptionally() && status.join() == 200) {
                out.add(text);
            }
        });
        return out;
    }

    /** This run's texts delivered but not sent (beta's server may still deliver what an earlier run queued). */
    private static Set<String> unsent(Set<String> delivered, Set<String> sent, String run) {
        Set<String> out = new java.util.TreeSet<>(delivered);
        out.removeIf(text -> !text.endsWith(" " + run));
        out.removeAll(sent);
        return out.size() > 10 ? new java.util.TreeSet<>(List.copyOf(out).subList(0, 10)) : out;
    }

    /** Text to outcome (status or exception) of the sends that did not complete with 200, at most 10. */
    private static Map<String, String> outcomesOtherThan200(Map<String, CompletableFuture<Integer>> sends) {
        Map<String, String> out = new java.util.TreeMap<>();
        sends.forEach((text, status) -> {
            String outcome = status.handle((code, error) -> error != null ? String.valueOf(error) : String.valueOf(code)).join();
            if (!"200".equals(outcome) && out.size() < 10) {
                out.put(text, outcome);
            }
        });
        return out;
    }

    private static long rows(String sql) {
        try (Connection connection = database.getConnection(); Statement query = connection.createStatement();
             ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    private static void await(Duration bound, BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), what + " within " + bound.toSeconds() + " s");
            Thread.sleep(200);
        }
    }
}
