package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Queued work survives a restart of the sending server: alpha queues messages for beta, which is not deployed;
 * the server restarts; beta is deployed; alpha's outbox, read back from the default datasource, delivers each
 * message once.
 */
@ExtendWith(ArquillianExtension.class)
class SenderRestartIT {
    private static final int MESSAGES = 20;
    private static final CountingHost HOST = new CountingHost();

    private final ReferenceApi alpha = new ReferenceApi("sr-alpha");
    private final OperatorClient alphaOps = new OperatorClient("sr-alpha");

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "sr-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("sr-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp("sr-beta").toString(), "retryMinMillis", 200, "retryMaxSeconds", 2));
    }

    @Deployment(name = "sr-beta", testable = false, managed = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("sr-beta", new Deployments.Config("beta.test")
                .peer("alpha.test", ItEnv.ssp("sr-alpha").toString())
                .set("bridge", HOST.bridge()));
    }

    @AfterAll
    static void stopHost() {
        HOST.close();
    }

    @Test
    void messagesQueuedForAnAbsentPeerAreDeliveredOnceAfterTheSenderRestarts() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < MESSAGES; i++) {
            // nobody waits for these replies: the restart cuts them off; the queue must not care
            alpha.sendMessageAsync("alice", "wv:bob@beta.test", "queued " + i + " of run " + run);
        }
        await(() -> alphaOps.queuedFor("beta.test") == MESSAGES, "alpha's queue for beta holds all " + MESSAGES);

        ServerRestart.restart(ItEnv.base("sr-alpha").resolve("api/reference/status"));
        await(() -> alphaOps.queuedFor("beta.test") == MESSAGES, "alpha read its queue for beta back after the restart");

        deployer.deploy("sr-beta");
        await(() -> HOST.distinct() == MESSAGES, "beta's host got all " + MESSAGES);
        assertEquals(Map.of(), HOST.duplicates(), "messages the host was handed twice");
        await(() -> alphaOps.queuedFor("beta.test") == 0, "alpha's queue drained");
        deployer.undeploy("sr-beta");
    }


    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), what + " within 60 s");
            Thread.sleep(200);
        }
    }
}
