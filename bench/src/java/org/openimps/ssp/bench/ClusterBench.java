package org.openimps.ssp.bench;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.it.Balancer;
import org.openimps.ssp.it.Deployments;
import org.openimps.ssp.it.WildFlyNode;
import org.openimps.ssp.testing.FreePorts;
import org.openimps.ssp.testing.TestPostgres;

/**
 * One domain's store and nodes under volume (issue 19), WildFly only (the nodes are WildFly processes):
 * <ul>
 * <li>outage: a sending domain on a node of its own whose peer (undeployed) is away while {@value #OUTAGE_DEFAULT}
 *     sends queue, then comes back: heap after a full GC before, with the queue, while it drains and after, and the drain rate;
 *     once on H2 (the container's default datasource) and once on PostgreSQL;</li>
 * <li>two nodes: SendMessage transactions a second from one node of a domain, then from two nodes behind HAProxy
 *     (deploy/haproxy/haproxy.cfg), both on PostgreSQL, with the machine's CPU time per transaction.</li>
 * </ul>
 * The peer, beta.test, runs on the test server with {@link BenchHost}. Prints Markdown tables and appends CSV to
 * bench/results/. Run by {@code mvn -Pbench verify}, never by the test command.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterBench {
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int PORT = Integer.getInteger("it.http.port", 8080);
    private static final int OUTAGE_DEFAULT = 1_000_000;
    private static final int OUTAGE_SENDS = Integer.getInteger("bench.outageSends", OUTAGE_DEFAULT);
    /** How long the drain is watched; a full drain of a million at this machine's rate takes far longer. */
    private static final int DRAIN_SECONDS = Integer.getInteger("bench.drainSeconds", 180);
    private static final int OUTAGE_WARMUP_SECONDS = Integer.getInteger("bench.outageWarmupSeconds", 90);
    private static final int CLUSTER_SECONDS = Integer.getInteger("bench.clusterSeconds", 30);
    /** Three fresh JVMs compile for a minute or more; runs before that measure the JIT. */
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.clusterWarmupSeconds", 90);
    private static final String TO_BETA = URLEncoder.encode("wv:bob@beta.test", StandardCharsets.UTF_8);
    private static final int BALANCER_PORT = FreePorts.loopback();
    private static final int OUTAGE_H2_OFFSET = 300;
    private static final int OUTAGE_PG_OFFSET = 400;
    private static final int NODE1_OFFSET = 500;
    private static final int NODE2_OFFSET = 600;
    private static final List<String> REPORT = new ArrayList<>();
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @ArquillianResource
    private Deployer deployer;

    /** Deployed by each test; undeployed and deployed again by the outage run: the peer away, then back. */
    @Deployment(name = "cb-beta", testable = false, managed = false)
    static WebArchive beta() {
        return Deployments.domain("cb-beta", new Deployments.Config("beta.test", "bob")
                .peer("oalpha.test", "http://127.0.0.1:" + (PORT + OUTAGE_H2_OFFSET) + "/cb-oalpha/ssp")
                .peer("palpha.test", "http://127.0.0.1:" + (PORT + OUTAGE_PG_OFFSET) + "/cb-palpha/ssp")
                .peer("calpha.test", "http://127.0.0.1:" + BALANCER_PORT + "/cb-calpha/ssp")
                .set("maxPendingTransactions", 200_000), BenchHost.class);
    }

    @BeforeAll
    static void wildFlyWithPostgresAndHaproxy() {
        Assumptions.assumeTrue("wildfly".equals(System.getProperty("it.server")), "the nodes are WildFly processes");
        Assumptions.assumeTrue(TestPostgres.available() && Balancer.binary().isPresent(),
                "needs PostgreSQL and HAProxy (.ci/run installs them)");
    }

    @AfterAll
    static void printReport() throws IOException {
        String text = String.join("\n", REPORT);
        System.out.println("\n" + text);
        Path results = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("last-cluster.md"), text + "\n");
    }

    @Test
    void outageOnH2AndOnPostgres() throws Exception {
        deployer.deploy("cb-beta");
        List<String> rows = new ArrayList<>();
        rows.add("| store | sends | queued in | heap before | heap, queue full | heap, draining | heap at the end"
                + " | first delivery after | drain rate | left after " + DRAIN_SECONDS + " s |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|");
        rows.add(outage("H2", "oalpha", OUTAGE_H2_OFFSET, false));
        rows.add(outage("PostgreSQL", "palpha", OUTAGE_PG_OFFSET, true));
        deployer.undeploy("cb-beta");
        REPORT.add("## Peer away while " + OUTAGE_SENDS + " sends queue (" + LocalDate.now() + ")\n");
        REPORT.addAll(rows);
    }

    /**
     * One outage run: a fresh node warmed up against beta, then beta undeployed (its POSTs answered 404) while the
     * sends queue, then deployed again and watched while the queue drains.
     */
    private String outage(String store, String name, int offset, boolean postgres) throws Exception {
        String context = "cb-" + name;
        try (WildFlyNode node = WildFlyNode.create("bench-" + name, offset, WildFlyNode.home().resolve("standalone"))) {
            if (postgres) {
                configurePostgres(node, "outage");
            }
            node.deploy(Deployments.domain(context, new Deployments.Config(name + ".test", "bench")
                    .peer("beta.test", "http://127.0.0.1:" + PORT + "/cb-beta/ssp", "retryMinMillis", 200,
                            "retryMaxSeconds", 2)
                    .set("maxPendingTransactions", 20_000)
                    .set("deliveryExpirySeconds", 4 * 3600), BenchDriverServlet.class));
            node.start(context);
            // both JVMs compile under real traffic first (a cold server drains at a third of the warm rate)
            Map<String, Object> warm = get(node.url(context, "bench/ssp?senders=64&seconds=" + OUTAGE_WARMUP_SECONDS
                    + "&to=" + TO_BETA), Duration.ofSeconds(OUTAGE_WARMUP_SECONDS + 120L));
            System.out.println("ClusterBench " + store + ": warmed up, " + warm);
            deployer.undeploy("cb-beta"); // the peer is away
            long before = heap(node, context);
            Map<String, Object> queued = get(node.url(context, "bench/enqueue?count=" + OUTAGE_SENDS + "&window=11500&to="
                    + TO_BETA), Duration.ofMinutes(60));
            long full = heap(node, context);
            long rows = (long) queued(node, context);
            System.out.println("ClusterBench " + store + ": " + queued + ", " + rows + " queued");

            deployer.deploy("cb-beta"); // and back
            Drain drain = drain(node, context, store, rows);
            long end = heap(node, context);
            csv("outage.csv", "date,store,sends,queue_seconds,heap_before,heap_full,heap_draining,heap_end,"
                    + "first_delivery_s,drain_per_s,left", String.join(",", LocalDate.now().toString(), store,
                    Long.toString(rows), fmt(num(queued, "seconds")), Long.toString(before), Long.toString(full),
                    Long.toString(drain.heapMidway()), Long.toString(end), fmt(drain.firstAfter()), fmt(drain.rate()),
                    Long.toString(drain.left())));
            return "| %s | %,d | %.0f s | %s | %s | %s | %s | %.1f s | %,.0f tx/s | %,d |".formatted(store, rows,
                    num(queued, "seconds"), mib(before), mib(full), drain.heapMidway() < 0 ? "–" : mib(drain.heapMidway()),
                    mib(end), drain.firstAfter(), drain.rate(), drain.left());
        }
    }

    /** A drain watched for {@link #DRAIN_SECONDS}: when the first request went, the rate after, the heap midway. */
    private record Drain(double firstAfter, double rate, long heapMidway, long left) {
    }

    /** Watches the queue of {@code rows} drain, once a second, printing the rate and the machine's load every 10 s. */
    private static Drain drain(WildFlyNode node, String context, String store, long rows) throws Exception {
        long opened = System.nanoTime();
        double firstAfter = -1;
        long atFirst = rows;
        long midway = -1;
        long left = rows;
        long cpuMark = machineCpuMillis();
        long leftMark = rows;
        for (int second = 1; left > 0 && System.nanoTime() - opened < DRAIN_SECONDS * 1_000_000_000L; second++) {
            Thread.sleep(1_000);
            left = (long) queued(node, context);
            double at = (System.nanoTime() - opened) / 1e9;
            if (second % 10 == 0) {
                long cpu = machineCpuMillis();
                System.out.printf("ClusterBench %s: %.0f s, %d left, %d tx/s, machine CPU %.0f %%%n", store, at, left,
                        (leftMark - left) / 10, (cpu - cpuMark) / 100.0 / CORES);
                cpuMark = cpu;
                leftMark = left;
            }
            if (firstAfter < 0 && left < rows) {
                firstAfter = at;
                atFirst = left;
            }
            if (midway < 0 && at >= DRAIN_SECONDS / 2.0) {
                midway = heap(node, context);
            }
        }
        double watched = (System.nanoTime() - opened) / 1e9 - Math.max(0, firstAfter);
        return new Drain(firstAfter, firstAfter < 0 ? 0 : (atFirst - left) / watched, midway, left);
    }

    @Test
    void oneNodeAndTwoNodesBehindHaproxy() throws Exception {
        deployer.deploy("cb-beta");
        try (WildFlyNode node1 = WildFlyNode.create("bench-node1", NODE1_OFFSET, WildFlyNode.home().resolve("standalone"))) {
            configurePostgres(node1, "cluster");
            try (WildFlyNode node2 = WildFlyNode.create("bench-node2", NODE2_OFFSET, node1.base());
                 Balancer balancer = new Balancer(BALANCER_PORT, "/cb-calpha/health", node1.httpPort(), node2.httpPort(),
                         node1.base().resolveSibling("bench-haproxy.log"))) {
                for (WildFlyNode node : List.of(node1, node2)) {
                    String id = node.base().getFileName().toString();
                    node.deploy(Deployments.domain("cb-calpha", new Deployments.Config("calpha.test", "bench")
                            .peer("beta.test", "http://127.0.0.1:" + PORT + "/cb-beta/ssp")
                            .set("nodeId", id).set("nodeUrl", node.url("cb-calpha", "ssp").toString())
                            .set("maxPendingTransactions", 20_000), BenchDriverServlet.class));
                }
                List.of(node1, node2).parallelStream().forEach(n -> n.start("cb-calpha"));
                // warm-up: sessions, JIT, pools, on both nodes at once
                load(List.of(node1, node2), 32, WARMUP_SECONDS);

                List<String> rows = new ArrayList<>();
                rows.add("| nodes | senders | tx/s | p50 ms | p99 ms | machine CPU ms per tx |");
                rows.add("|---|---|---|---|---|---|");
                rows.add(clusterRow("1", List.of(node1), 64));
                rows.add(clusterRow("2 behind HAProxy", List.of(node1, node2), 32));
                rows.add(clusterRow("1", List.of(node1), 128));
                rows.add(clusterRow("2 behind HAProxy", List.of(node1, node2), 64));
                REPORT.add("\n## One node and two nodes of a domain on PostgreSQL, HAProxy on port " + balancer.port()
                        + " (" + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                        + CLUSTER_SECONDS + " s each after a " + WARMUP_SECONDS + " s warm-up)\n");
                REPORT.addAll(rows);
            }
        } finally {
            deployer.undeploy("cb-beta");
        }
    }

    /** A closed-loop run on each node at once ({@code senders} each); the machine's CPU time from /proc/stat. */
    private static String clusterRow(String label, List<WildFlyNode> nodes, int senders) throws Exception {
        long cpuBefore = machineCpuMillis();
        List<Map<String, Object>> results = load(nodes, senders, CLUSTER_SECONDS);
        long cpu = machineCpuMillis() - cpuBefore;
        double perSecond = results.stream().mapToDouble(r -> num(r, "perSecond")).sum();
        double completed = results.stream().mapToDouble(r -> num(r, "completed")).sum();
        double p50 = results.stream().mapToDouble(r -> num(r, "p50Micros")).max().orElse(0) / 1000;
        double p99 = results.stream().mapToDouble(r -> num(r, "p99Micros")).max().orElse(0) / 1000;
        csv("cluster.csv", "date,nodes,senders_per_node,tx_per_s,p50_ms_max,p99_ms_max,cpu_ms_per_tx", String.join(",",
                LocalDate.now().toString(), Integer.toString(nodes.size()), Integer.toString(senders), fmt(perSecond),
                fmt(p50), fmt(p99), fmt(cpu / Math.max(1, completed))));
        return "| %s | %d × %d | %,.0f | %.1f | %.1f | %.2f |".formatted(label, nodes.size(), senders, perSecond, p50, p99,
                cpu / Math.max(1, completed));
    }

    private static List<Map<String, Object>> load(List<WildFlyNode> nodes, int senders, int seconds) {
        return nodes.stream().map(n -> CompletableFuture.supplyAsync(() -> get(n.url("cb-calpha",
                "bench/ssp?senders=" + senders + "&seconds=" + seconds + "&to=" + TO_BETA), Duration.ofSeconds(seconds + 120L))))
                .toList().stream().map(CompletableFuture::join).toList();
    }

    private static void configurePostgres(WildFlyNode node, String prefix) throws Exception {
        String url = TestPostgres.server().newDatabase(prefix);
        node.configure(Path.of("deploy", "postgresql", "configure-wildfly.sh"), Map.of(
                "PG_JDBC_JAR", Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI()).toString(),
                "SSP_PG_URL", url, "SSP_PG_USER", "postgres", "SSP_PG_PASSWORD", "trust"));
    }

    /** Heap used after a full GC; the largest classes are printed, to tell what a growth is made of. */
    @SuppressWarnings("unchecked")
    private static long heap(WildFlyNode node, String context) {
        Map<String, Object> heap = get(node.url(context, "bench/heap"), Duration.ofMinutes(2));
        ((List<String>) heap.get("histogram")).stream().limit(12).forEach(l -> System.out.println("  " + l));
        return (long) num(heap, "heapUsed");
    }

    private static double queued(WildFlyNode node, String context) {
        return num(get(node.url(context, "bench/queued"), Duration.ofSeconds(30)), "queued");
    }

    /** User plus system time of every CPU of this machine so far, from /proc/stat (USER_HZ = 100). */
    private static long machineCpuMillis() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long ticks = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]);
        return ticks * 10;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> get(URI uri, Duration timeout) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return JSON.fromJson(answer.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void csv(String file, String header, String line) {
        try {
            Path csv = Path.of(System.getProperty("bench.results", "bench/results"), file);
            Files.createDirectories(csv.getParent());
            if (!Files.exists(csv)) {
                Files.writeString(csv, header + "\n");
            }
            Files.writeString(csv, line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
    }

    private static String mib(long bytes) {
        return "%.1f MiB".formatted(bytes / 1048576.0);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
