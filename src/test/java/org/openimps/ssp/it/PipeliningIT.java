package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection pair pipelined (spec 5.1) over a link with a 50 ms round trip: alpha reaches beta, and beta
 * alpha, through relays that hold every chunk 25 ms each way. The relay counts the POSTs in flight on a
 * connection; no timing is asserted.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the cut opens a second connection: it comes last
class PipeliningIT {
    private static final long ONE_WAY_MILLIS = 25;
    private static final DelayRelay TO_BETA = relay();
    private static final DelayRelay TO_ALPHA = relay();
    private final ReferenceApi alpha = new ReferenceApi("pl-alpha");
    private final ReferenceApi beta = new ReferenceApi("pl-beta");

    @Deployment(name = "pl-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("pl-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", TO_BETA.ssp("pl-beta")));
    }

    @Deployment(name = "pl-beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("pl-beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", TO_ALPHA.ssp("pl-alpha")));
    }

    @AfterAll
    static void closeRelays() throws IOException {
        TO_BETA.close();
        TO_ALPHA.close();
    }

    @Test
    @Order(1)
    void manyPostsAreInFlightAtOnceOnOneConnectionAndEveryTransactionCompletes() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> texts = IntStream.range(0, 64).mapToObj(i -> "pipelined " + i + " " + run).toList();
        assertAllAnswered200(texts);

        assertTrue(TO_BETA.mostOutstanding() > 1, "POSTs pipelined on alpha's connection: " + TO_BETA.mostOutstanding());
        assertTrue(TO_ALPHA.mostOutstanding() > 1, "and beta's answers on its own: " + TO_ALPHA.mostOutstanding());
        assertEquals(1, TO_BETA.connections(), "one pair carries them: alpha's half");
        assertEquals(1, TO_ALPHA.connections(), "and beta's");
        assertDeliveredOnce(texts);
    }

    @Test
    @Order(2)
    void aConnectionCutWithPostsInFlightLosesNothingAndDeliversEachOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        assertAllAnswered200(List.of("warm-up " + run)); // the session exists, so the cut hits session POSTs
        TO_BETA.cutOnceWhenOutstanding(4);
        List<String> texts = IntStream.range(0, 40).mapToObj(i -> "cut " + i + " " + run).toList();
        assertAllAnswered200(texts);

        assertEquals(1, TO_BETA.cuts(), "the relay cut alpha's connection with POSTs in flight");
        assertDeliveredOnce(texts);
    }

    private void assertAllAnswered200(List<String> texts) throws Exception {
        List<CompletableFuture<Integer>> sent = texts.stream()
                .map(t -> alpha.sendMessageAsync("alice", "wv:bob@beta.test", t)).toList();
        for (CompletableFuture<Integer> s : sent) {
            assertEquals(200, s.get(90, TimeUnit.SECONDS));
        }
    }

    private void assertDeliveredOnce(List<String> texts) {
        List<Map<String, Object>> inbox = beta.inbox("bob");
        for (String text : texts) {
            assertEquals(1, inbox.stream().filter(m -> text.equals(m.get("text"))).count(), "delivered once: " + text);
        }
    }

    private static DelayRelay relay() {
        try {
            return new DelayRelay(ItEnv.httpPort(), ONE_WAY_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
