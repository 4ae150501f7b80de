package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Peer discovery on a real server: DNS SRV against a DNS server this test runs on 127.0.0.1 (the system resolver
 * is untouched), and a peer directory file that is edited while the deployment runs.
 */
@ExtendWith(ArquillianExtension.class)
class DiscoveryIT {
    private static final TestDnsServer DNS = TestDnsServer.start();
    /** The best-priority SRV target: a node that accepts connections and drops them. */
    private static final CountingProxy DEAD_NODE = new CountingProxy(closedPort());
    private static final Path DIRECTORY = Path.of("target", "it-directory", "alpha-peers.json").toAbsolutePath();

    private final ReferenceApi alpha = new ReferenceApi("srv-alpha");
    private final ReferenceApi beta = new ReferenceApi("srv-beta");
    private final ReferenceApi gamma = new ReferenceApi("srv-gamma");

    @Deployment(name = "srv-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        DNS.srv("beta.test", 10, 0, DEAD_NODE.port(), "dead.beta.test", 60).a("dead.beta.test", "127.0.0.1", 60)
                .srv("beta.test", 20, 0, ItEnv.httpPort(), "node.beta.test", 60).a("node.beta.test", "127.0.0.1", 60)
                .srv("alpha.test", 10, 0, ItEnv.httpPort(), "node.alpha.test", 60).a("node.alpha.test", "127.0.0.1", 60);
        writeDirectory(false);
        return Deployments.domain("srv-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", null, "path", "/srv-beta/ssp", "tls", "PREFERRED")
                .set("dns", Map.of("servers", List.of(DNS.address())))
                .set("directoryFile", DIRECTORY.toString())
                .set("directoryReloadSeconds", 1));
    }

    @Deployment(name = "srv-beta", testable = false, order = 2)
    static WebArchive beta() {
        // beta lists nobody: it finds alpha by SRV when alpha's M1 arrives, under the unlisted-peer policy
        return Deployments.domain("srv-beta", new Deployments.Config("beta.test", "bob")
                .set("openFederation", true)
                .set("unlistedPeers", Map.of("path", "/srv-alpha/ssp", "tls", "OFF"))
                .set("dns", Map.of("servers", List.of(DNS.address()))));
    }

    @Deployment(name = "srv-gamma", testable = false, order = 3)
    static WebArchive gamma() {
        return Deployments.domain("srv-gamma", new Deployments.Config("gamma.test", "gil")
                .peer("alpha.test", ItEnv.ssp("srv-alpha").toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        DNS.close();
        DEAD_NODE.close();
    }

    @Test
    void bothSidesFindEachOtherBySrvTryingTargetsInPriorityOrderHttpsThenHttp() {
        assertEquals(200, ReferenceApi.statusCode(alpha.sendMessage("alice", "wv:bob@beta.test", "found you")));
        assertTrue(beta.inbox("bob").stream().anyMatch(m -> "found you".equals(m.get("text"))));
        assertEquals(1, DNS.questionsAbout("_imps-server._tcp.beta.test"), "alpha asked for beta's SRV records");
        assertEquals(1, DNS.questionsAbout("_imps-server._tcp.alpha.test"), "beta looked alpha up when M1 came");
        assertTrue(DEAD_NODE.attempts() >= 2, "priority 10 first, over https then http: " + DEAD_NODE.attempts());

        long deadBefore = DEAD_NODE.attempts();
        assertEquals(200, ReferenceApi.statusCode(beta.sendMessage("bob", "wv:alice@alpha.test", "and back")));
        assertEquals(200, ReferenceApi.statusCode(alpha.sendMessage("alice", "wv:bob@beta.test", "again")));
        assertEquals(1, DNS.questionsAbout("_imps-server._tcp.beta.test"), "kept for its TTL");
        assertEquals(deadBefore, DEAD_NODE.attempts(), "the session stays on the node that answered");
    }

    @Test
    void aPeerAllowedByEditingTheDirectoryFileIsReachableWithoutRedeploy() throws InterruptedException {
        assertEquals(516, ReferenceApi.statusCode(alpha.sendMessage("alice", "wv:gil@gamma.test", "denied")),
                "gamma.test is denied in the directory file");
        writeDirectory(true);
        int status = 0;
        for (int i = 0; i < 40 && status != 200; i++) {
            Thread.sleep(250);
            status = ReferenceApi.statusCode(alpha.sendMessage("alice", "wv:gil@gamma.test", "allowed now"));
        }
        assertEquals(200, status, "reloaded within 10 s");
        assertTrue(gamma.inbox("gil").stream().anyMatch(m -> "allowed now".equals(m.get("text"))));
    }

    private static void writeDirectory(boolean gammaAllowed) {
        String json = """
                {"peers":[{"domain":"gamma.test","url":"%s","allowed":%s}]}"""
                .formatted(ItEnv.ssp("srv-gamma"), gammaAllowed);
        try {
            Files.createDirectories(DIRECTORY.getParent());
            Path tmp = DIRECTORY.resolveSibling("alpha-peers.json.tmp");
            Files.writeString(tmp, json);
            // a rename, so the module never reads half a file
            Files.move(tmp, DIRECTORY, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
