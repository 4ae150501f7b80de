package org.openimps.ssp.binding.http.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.SendSecretToken;
import org.openimps.ssp.wire.SetupTransaction;

/** Which SendSecretTokens a node of a balanced domain sends on, and where. */
class SetupRedirectTest {
    private static final URI BALANCER = URI.create("http://127.0.0.1:9000/alpha/ssp");
    private static final URI NODE_1 = URI.create("http://127.0.0.1:8180/alpha/ssp");
    private static final URI NODE_2 = URI.create("http://127.0.0.1:8280/alpha/ssp");

    private final SetupRedirect node1 = new SetupRedirect(null, NODE_1, Set.of("gamma.test")::contains,
            peer -> "beta.test".equals(peer) ? Optional.of(NODE_2) : Optional.empty());

    @Test
    void aPeersM1ThroughTheBalancerGoesToThisNodesOwnUrlAndIsTakenThere() {
        assertEquals(Optional.of(NODE_1), node1.target(m1("beta.test"), BALANCER));
        assertEquals(Optional.empty(), node1.target(m1("beta.test"), URI.create("http://127.0.0.1:8180/alpha/ssp/")));
    }

    @Test
    void anM2ForAnotherNodesM1GoesToThatNodeAndAnM2ForOursStaysHere() {
        assertEquals(Optional.of(NODE_2), node1.target(m2("beta.test"), BALANCER));
        assertEquals(Optional.empty(), node1.target(m2("gamma.test"), BALANCER), "ours");
        assertEquals(Optional.empty(), node1.target(m2("delta.test"), BALANCER), "nobody's: handled (and refused) here");
    }

    @Test
    void redirectSetupToSendsEveryM1ThereAndAStandaloneNodeRedirectsNothing() {
        URI front = URI.create("https://node.example/ssp");
        assertEquals(Optional.of(front), new SetupRedirect(front, null, p -> false, p -> Optional.of(NODE_2))
                .target(m1("beta.test"), BALANCER));
        SetupRedirect alone = new SetupRedirect(null, null, p -> false, p -> Optional.of(NODE_2));
        assertEquals(Optional.empty(), alone.target(m1("beta.test"), BALANCER));
        assertEquals(Optional.empty(), alone.target(m2("beta.test"), BALANCER));
    }

    private static SetupTransaction m1(String from) {
        return new SetupTransaction(Mode.REQUEST, "t1", new SendSecretToken("wv:@" + from, "00ff"));
    }

    private static SetupTransaction m2(String from) {
        return new SetupTransaction(Mode.RESPONSE, "b1", new SendSecretToken("wv:@" + from, "00ff"));
    }
}
