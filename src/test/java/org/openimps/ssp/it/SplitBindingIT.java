package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;
import org.openimps.ssp.wire.Transaction;

/**
 * The split binding seen from a peer: our requests go on our connection and get only the empty 200; the
 * server's responses come back as POSTs on its own connection to us, joined by transaction id.
 */
@ExtendWith(ArquillianExtension.class)
class SplitBindingIT {
    private ProbePeer probe;

    @Deployment(name = "beta", testable = false)
    static WebArchive beta() {
        return Deployments.domain("beta", new Deployments.Config("beta.test", "bob", "bea")
                .peer(ProbePeer.DOMAIN, ProbePeer.url()), SlowHost.class);
    }

    @BeforeEach
    void connectProbe() throws Exception {
        probe = new ProbePeer(ItEnv.ssp("beta"));
        probe.establishSession();
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void requestTravelsOnOurConnectionAndItsResponseOnTheServersConnection() throws Exception {
        var replies = probe.pipeline(List.of(message("probe_t1", "hi bob")));
        assertEquals(200, replies.get(0).status());
        assertEquals(0, replies.get(0).contentLength(), "the HTTP reply carries no SSP response");

        ProbePeer.Received response = probe.awaitResponse("probe_t1", Duration.ofSeconds(10));
        Transaction tx = response.message().getSession().getTransactions().get(0);
        assertEquals(Mode.RESPONSE, tx.mode().orElseThrow());
        assertEquals(200, assertInstanceOf(SendMessageResponse.class, tx.getPayload()).getStatus().getCode());
        assertEquals(probe.theirSessionId(), response.message().getSession().getSessionId(), "server's own session id");
        assertEquals("probe_t1", response.headerTxnId());
        assertEquals(probe.theirSessionId(), response.headerSessionId());
    }

    @Test
    void emptyOkComesBeforeTheWorkAndASlowTransactionHoldsBackNoneOfTheFiftyBehindIt() throws Exception {
        List<Transaction> batch = new ArrayList<>();
        batch.add(message("probe_slow", "[slow] take your time"));
        for (int i = 0; i < 50; i++) {
            batch.add(message("probe_fast_" + i, "quick " + i));
        }
        Instant sent = Instant.now();
        var replies = probe.pipeline(batch);
        Duration allAcked = Duration.between(sent, Instant.now());

        assertEquals(51, replies.size());
        assertTrue(replies.stream().allMatch(r -> r.status() == 200 && r.contentLength() == 0), replies.toString());
        // the proof is the order, not a speed: every empty 200, the slow one's included, came while its work still ran
        assertTrue(probe.responseTo("probe_slow").isEmpty() && allAcked.toMillis() < SlowHost.DELAY_MILLIS,
                "51 empty 200s took " + allAcked.toMillis() + " ms on one connection");

        for (int i = 0; i < 50; i++) {
            probe.awaitResponse("probe_fast_" + i, Duration.ofSeconds(10));
        }
        Instant fastDone = probe.received().stream().map(ProbePeer.Received::at).max(Instant::compareTo).orElseThrow();
        assertTrue(probe.responseTo("probe_slow").isEmpty(), "all 50 fast responses arrived while the slow one ran");
        assertTrue(Duration.between(sent, fastDone).toMillis() < SlowHost.DELAY_MILLIS);

        Instant slowDone = probe.awaitResponse("probe_slow", Duration.ofSeconds(10)).at();
        assertTrue(Duration.between(sent, slowDone).toMillis() >= SlowHost.DELAY_MILLIS - 50);
    }

    private static Transaction message(String txn, String text) {
        return new Transaction(Mode.REQUEST, txn,
                new SendMessageRequest("wv:tester@" + ProbePeer.DOMAIN, "wv:bob@beta.test", text));
    }
}
