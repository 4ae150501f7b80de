package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * A peer away for longer than its line holds in memory: alpha keeps {@value #IN_MEMORY} of beta's requests in
 * memory; every send beyond them is stored and answered at once with Status 202 (stored, delivered in order when
 * beta takes it) instead of 503. When beta is deployed, every request, in memory or only in the table, is
 * delivered once.
 */
@ExtendWith(ArquillianExtension.class)
class OutboxOverflowIT {
    private static final int IN_MEMORY = 5;
    private static final int STORED_ONLY = 45;
    private static final CountingHost HOST = new CountingHost();

    private final ReferenceApi alpha = new ReferenceApi("ov-alpha");
    private final OperatorClient alphaOps = new OperatorClient("ov-alpha");

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "ov-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("ov-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp("ov-beta").toString(), "retryMinMillis", 200, "retryMaxSeconds", 1)
                .set("maxQueuedPerPeer", IN_MEMORY));
    }

    @Deployment(name = "ov-beta", testable = false, managed = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("ov-beta", new Deployments.Config("beta.test")
                .peer("alpha.test", ItEnv.ssp("ov-alpha").toString())
                .set("bridge", HOST.bridge()));
    }

    @AfterAll
    static void stopHost() {
        HOST.close();
    }

    @Test
    void sendsBeyondWhatALineHoldsAreStoredAnswered202AndAllDeliveredOnceWhenThePeerIsBack() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        List<String> texts = new ArrayList<>();
        List<CompletableFuture<Integer>> held = new ArrayList<>();
        for (int i = 0; i < IN_MEMORY; i++) {
            texts.add("held " + i + " " + run);
            held.add(alpha.sendMessageAsync("alice", "wv:bob@beta.test", texts.get(i)));
        }
        await(() -> alphaOps.queuedFor("beta.test") == IN_MEMORY, "alpha's line for beta holds " + IN_MEMORY);

        for (int i = 0; i < STORED_ONLY; i++) {
            String text = "stored " + i + " " + run;
            texts.add(text);
            Map<String, Object> reply = alpha.sendMessage("alice", "wv:bob@beta.test", text);
            assertEquals(202, ReferenceApi.statusCode(reply), "beyond the line, stored and accepted: " + reply);
        }
        assertEquals(IN_MEMORY + STORED_ONLY, alphaOps.queuedFor("beta.test"), "the table holds the rest");
        assertTrue(held.stream().noneMatch(CompletableFuture::isDone), "the sends in memory wait for beta");

        deployer.deploy("ov-beta");
        await(() -> HOST.deliveredAll(texts), "beta's host got all " + texts.size());
        assertEquals(Map.of(), HOST.duplicates(), "texts the host was handed twice");
        for (CompletableFuture<Integer> send : held) {
            assertEquals(200, send.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        await(() -> alphaOps.queuedFor("beta.test") == 0, "alpha's queue drained");
        deployer.undeploy("ov-beta");
    }


    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), what + " within 60 s");
            Thread.sleep(200);
        }
    }
}
