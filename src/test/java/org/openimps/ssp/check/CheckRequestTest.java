package org.openimps.ssp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.check.CheckRequest.Initiator;

class CheckRequestTest {

    @Test
    void weInitiateAndThePeerIsGivenThirtySecondsUnlessTold() {
        CheckRequest request = new CheckRequest("beta.example", null, null, null, null);
        assertEquals(Initiator.US, request.initiator());
        assertEquals(Duration.ofSeconds(30), request.peerWait());
    }

    @Test
    void theInitiatorIsSpelledUsOrPeerInAnyCase() {
        assertEquals(Initiator.PEER, Initiator.parse(" Peer "));
        assertEquals(Initiator.US, Initiator.parse("us"));
        assertEquals(Initiator.US, Initiator.parse(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initiator.parse("both"));
        assertEquals("initiator must be \"us\" or \"peer\", not \"both\"", e.getMessage());
    }

    @Test
    void aWaitBeyondTwoMinutesOrNegativeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new CheckRequest("beta.example", null, null, Initiator.PEER, Duration.ofSeconds(121)));
        assertThrows(IllegalArgumentException.class,
                () -> new CheckRequest("beta.example", null, null, Initiator.PEER, Duration.ofSeconds(-1)));
        assertEquals(Duration.ofSeconds(120),
                new CheckRequest("beta.example", null, null, Initiator.PEER, Duration.ofSeconds(120)).peerWait());
    }
}
