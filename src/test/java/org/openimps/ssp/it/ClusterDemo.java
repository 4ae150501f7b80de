package org.openimps.ssp.it;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openimps.ssp.testing.TestPostgres;

/**
 * The two-node demo ({@code mvn -Pdemo,demo-cluster package}): alpha.test on two WildFly nodes sharing a
 * PostgreSQL database behind HAProxy ({@code deploy/haproxy/haproxy.cfg}), and beta.test on a third, on the demo's
 * unpacked WildFly. It sends an IM each way, prints the consoles' URLs and runs until Ctrl-C, which stops all of it.
 * Needs Debian's postgresql and haproxy (as {@code .ci/run} installs them).
 */
public final class ClusterDemo {
    private static final int BALANCER_PORT = 9080;

    private ClusterDemo() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("jboss.home", Path.of(args[0]).toAbsolutePath().toString());
        if (!TestPostgres.available() || Balancer.binary().isEmpty()) {
            throw new IllegalStateException("the two-node demo needs PostgreSQL and HAProxy: apt-get install postgresql haproxy");
        }
        TestPostgres postgres = TestPostgres.server();
        String url = postgres.newDatabase("demo");
        WildFlyNode node1 = WildFlyNode.create("demo-node1", 100, WildFlyNode.home().resolve("standalone"));
        node1.configure(Path.of("deploy", "postgresql", "configure-wildfly.sh"), Map.of(
                "PG_JDBC_JAR", Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI()).toString(),
                "SSP_PG_URL", url, "SSP_PG_USER", "postgres", "SSP_PG_PASSWORD", "trust"));
        WildFlyNode node2 = WildFlyNode.create("demo-node2", 200, node1.base());
        WildFlyNode betaNode = WildFlyNode.create("demo-beta", 300, WildFlyNode.home().resolve("standalone"));
        String balancer = "http://127.0.0.1:" + BALANCER_PORT + "/alpha/ssp";
        for (WildFlyNode node : List.of(node1, node2)) {
            node.deploy(Deployments.domain("alpha", new Deployments.Config("alpha.test", "alice")
                    .peer("beta.test", betaNode.url("beta", "ssp").toString(), "retryMinMillis", 500, "retryMaxSeconds", 5)
                    .set("nodeId", node.base().getFileName().toString())
                    .set("nodeUrl", node.url("alpha", "ssp").toString())
                    .set("leaseSeconds", 15)));
        }
        betaNode.deploy(Deployments.domain("beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", balancer, "retryMinMillis", 500, "retryMaxSeconds", 5)));
        Balancer haproxy = new Balancer(BALANCER_PORT, "/alpha/health", node1.httpPort(), node2.httpPort(),
                Files.createDirectories(node1.base().getParent()).resolve("demo-haproxy.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            haproxy.close();
            List.of(node1, node2, betaNode).forEach(WildFlyNode::close);
        }, "cluster-demo-stop"));
        List.of(node1, node2, betaNode).parallelStream()
                .forEach(n -> n.start(n == betaNode ? "beta" : "alpha"));

        System.out.println("\nbeta -> alpha (through HAProxy, redirected to a node): Status "
                + ReferenceApi.statusCode(new ReferenceApi(betaNode.url("beta", "")).sendMessage("bob", "wv:alice@alpha.test", "hello alpha")));
        System.out.println("alpha (node 1) -> beta: Status "
                + ReferenceApi.statusCode(new ReferenceApi(node1.url("alpha", "")).sendMessage("alice", "wv:bob@beta.test", "hello beta")));
        System.out.println("alpha (node 2) -> beta: Status "
                + ReferenceApi.statusCode(new ReferenceApi(node2.url("alpha", "")).sendMessage("alice", "wv:bob@beta.test", "hello from node 2")));
        System.out.println("\nTwo-node demo running. Consoles (user admin, password ssp-demo-2026 on the operator consoles):");
        for (WildFlyNode node : List.of(node1, node2, betaNode)) {
            String context = node == betaNode ? "beta" : "alpha";
            URI console = node.url(context, "");
            System.out.println("  " + node.base().getFileName() + ": " + console + "  operator: https://127.0.0.1:"
                    + (8443 + node.httpPort() - 8080) + "/" + context + "/admin/");
        }
        System.out.println("  alpha.test's public address (HAProxy): " + balancer + "\nCtrl-C stops the demo.");
        Thread.currentThread().join();
    }
}
