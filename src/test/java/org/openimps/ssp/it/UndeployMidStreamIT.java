package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing lost, nothing twice: alpha streams 1,000 instant messages to beta, whose host (outside beta's
 * deployment) counts them; beta is undeployed mid-stream and deployed again. Alpha's durable queue holds
 * what beta could not take, backs off, handshakes anew with the new beta and drains; beta's dedupe answers
 * alpha's resends of what it had handled, so the host sees each message exactly once.
 */
@ExtendWith(ArquillianExtension.class)
class UndeployMidStreamIT {
    private static final int MESSAGES = 1_000;
    private static final CountingHost HOST = new CountingHost();

    private final ReferenceApi alpha = new ReferenceApi("um-alpha");

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "um-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("um-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp("um-beta").toString(), "retryMinMillis", 200, "retryMaxSeconds", 2)
                .set("transactionTimeoutSeconds", 5));
    }

    @Deployment(name = "um-beta", testable = false, managed = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("um-beta", new Deployments.Config("beta.test")
                .peer("alpha.test", ItEnv.ssp("um-alpha").toString())
                .set("bridge", HOST.bridge()));
    }

    @AfterAll
    static void stopHost() {
        HOST.close();
    }

    @Test
    void everyMessageIsDeliveredExactlyOnceAcrossAnUndeployOfTheReceiver() throws Exception {
        deployer.deploy("um-beta");
        String run = Long.toString(System.nanoTime(), 36);
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<Integer>> replies = new ArrayList<>();
        boolean bounced = false;
        for (int i = 0; i < MESSAGES; i++) {
            assertTrue(inFlight.tryAcquire(120, TimeUnit.SECONDS), "alpha stopped answering sends");
            replies.add(alpha.sendMessageAsync("alice", "wv:bob@beta.test", "message " + i + " of run " + run)
                    .whenComplete((status, e) -> inFlight.release()));
            if (!bounced && HOST.distinct() >= MESSAGES / 4) {
                bounced = true;
                deployer.undeploy("um-beta");
                Thread.sleep(1_000);
                deployer.deploy("um-beta");
            }
        }
        assertTrue(bounced, "beta was bounced mid-stream");
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals(200, replies.get(i).get(120, TimeUnit.SECONDS), "SSP status of message " + i);
        }
        assertEquals(MESSAGES, HOST.distinct(), "distinct messages the host was handed");
        assertEquals(Map.of(), HOST.duplicates(), "messages the host was handed twice");
        deployer.undeploy("um-beta");
    }
}
