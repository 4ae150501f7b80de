package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code Federation.send} promises that its stage always completes. A host sends while the deployment is being
 * undeployed ({@link SendsAtUndeploy}, inside the WAR): once just before the outbound pipeline stops, to a peer
 * that refuses connections, and once after it stopped. Both must complete with 503, the second at once.
 */
@ExtendWith(ArquillianExtension.class)
class SendDuringUndeployIT {
    private static final Reports REPORTS = new Reports();

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "stop-alpha", testable = false, managed = false)
    static WebArchive alpha() {
        return Deployments.domain("stop-alpha", new Deployments.Config("alpha.test")
                        .peer("beta.test", "http://127.0.0.1:9/ssp", "retryMinMillis", 60_000), SendsAtUndeploy.class)
                .addAsResource(new StringAsset(REPORTS.url()), SendsAtUndeploy.REPORT_URL_RESOURCE.substring(1));
    }

    @AfterAll
    static void closeReports() {
        REPORTS.server.stop(0);
    }

    @Test
    void sendsDuringAndAfterTheStopCompleteWith503AndTheOneAfterAtOnce() throws Exception {
        deployer.deploy("stop-alpha");
        deployer.undeploy("stop-alpha");
        Map<String, String[]> reports = REPORTS.await(2);
        String[] after = reports.get("after");
        assertTrue(after[0].startsWith("503 ") && after[0].contains("undeploying"), after[0]);
        assertTrue(Long.parseLong(after[1]) < 1_000, "completed in " + after[1] + " ms");
        String[] before = reports.get("before");
        assertEquals("503", before[0].split(" ")[0], "the send queued just before the stop: " + before[0]);
    }

    /** The test's listener for what the bean reports: which send, its outcome, and the milliseconds it took. */
    private static final class Reports {
        final HttpServer server;
        final Map<String, String[]> received = new ConcurrentHashMap<>();

        Reports() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/report", exchange -> {
                Map<String, String> query = new ConcurrentHashMap<>();
                for (String pair : exchange.getRequestURI().getQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv[1]);
                }
                received.put(query.get("which"), new String[] {
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), query.get("millis")});
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/report";
        }

        Map<String, String[]> await(int count) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < count && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertEquals(count, received.size(), "reports from the stopping deployment: " + received.keySet());
            return received;
        }
    }
}
