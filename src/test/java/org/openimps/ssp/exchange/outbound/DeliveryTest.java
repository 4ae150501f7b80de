package org.openimps.ssp.exchange.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.Role;

class DeliveryTest {
    private static final Instant END = Instant.parse("2026-12-03T10:00:00Z");
    private static final PeerSession ENCODED_IN = new PeerSession("beta.test", Role.REQUESTOR, "ours-1", "theirs-1", END);
    private static final byte[] BODY = "<encoded/>".getBytes(StandardCharsets.UTF_8);

    private final Delivery delivery = new RequestDelivery(1, "beta.test", "t1", new Object(), END, new CompletableFuture<>());

    @Test
    void theBodyEncodedEarlierGoesOutInItsOwnSessionOnlyOnce() {
        delivery.withBody(BODY, ENCODED_IN);
        assertArrayEquals(BODY, delivery.takeBody(new PeerSession("beta.test", Role.REQUESTOR, "ours-1", "theirs-1", END)));
        assertNull(delivery.takeBody(ENCODED_IN), "a retry encodes again: a pending request keeps no body");
    }

    @Test
    void aBodyEncodedForAnotherSessionIsNotSentAndNotKept() {
        delivery.withBody(BODY, ENCODED_IN);
        assertNull(delivery.takeBody(new PeerSession("beta.test", Role.REQUESTOR, "ours-2", "theirs-2", END)));
        assertNull(delivery.takeBody(ENCODED_IN));
    }

    @Test
    void aDeliveryWithoutAnEncodedBodyIsEncodedAtSend() {
        assertNull(delivery.takeBody(ENCODED_IN));
        delivery.withBody(null, null);
        assertNull(delivery.takeBody(ENCODED_IN));
    }
}
