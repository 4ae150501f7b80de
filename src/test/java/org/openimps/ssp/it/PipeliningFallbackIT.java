package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A peer that answers only the first of several pipelined requests ({@link FrontPeer} in front of beta):
 * alpha notices the overdue answer, goes stop-and-wait towards it, sends again what was unanswered, and says so
 * in the admin API. Every message is delivered once.
 */
@ExtendWith(ArquillianExtension.class)
class PipeliningFallbackIT {
    private static final FrontPeer FRONT = front();
    private static final Jsonb JSON = JsonbBuilder.create();
    private final ReferenceApi alpha = new ReferenceApi("pf-alpha");
    private final ReferenceApi beta = new ReferenceApi("pf-beta");
    private final OperatorClient operator = new OperatorClient("pf-alpha");

    @Deployment(name = "pf-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("pf-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", FRONT.url(), "pipelineStallMillis", 500));
    }

    @Deployment(name = "pf-beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("pf-beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", ItEnv.ssp("pf-alpha").toString()));
    }

    @AfterAll
    static void closeFront() throws IOException {
        FRONT.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPeerThatAnswersOnlyTheFirstPipelinedPostGetsStopAndWaitAndEveryMessageOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> texts = IntStream.range(0, 20).mapToObj(i -> "first-only " + i + " " + run).toList();
        List<CompletableFuture<Integer>> sent = texts.stream()
                .map(t -> alpha.sendMessageAsync("alice", "wv:bob@beta.test", t)).toList();
        for (CompletableFuture<Integer> s : sent) {
            assertEquals(200, s.get(90, TimeUnit.SECONDS));
        }
        assertTrue(FRONT.swallowed() > 0, "alpha did pipeline, and the peer left POSTs unanswered");
        List<Map<String, Object>> inbox = beta.inbox("bob");
        for (String text : texts) {
            assertEquals(1, inbox.stream().filter(m -> text.equals(m.get("text"))).count(), "delivered once: " + text);
        }
        List<Map<String, Object>> peers = JSON.fromJson(operator.get("api/admin/peers"), List.class);
        Map<String, Object> row = peers.stream().filter(p -> "beta.test".equals(p.get("domain"))).findFirst().orElseThrow();
        assertEquals(1, ((Number) row.get("pipelineDepth")).intValue(), row.toString());
        assertTrue(String.valueOf(row.get("pipeliningRefused")).contains("pipelined"), row.toString());
    }

    private static FrontPeer front() {
        try {
            return new FrontPeer(ItEnv.ssp("pf-beta"), FrontPeer.Habit.ANSWERS_FIRST_OF_PIPELINED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
