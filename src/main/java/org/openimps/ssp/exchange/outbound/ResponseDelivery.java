package org.openimps.ssp.exchange.outbound;

import java.time.Instant;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.wire.Mode;

/**
 * Our answer to a peer's request: sent only in the session the request came in, delivered when the peer's HTTP
 * 200 arrives. Not in the outbox: its durable form is the dedupe record, which answers the peer's resend.
 */
final class ResponseDelivery extends Delivery {
    /** The session the request came in. */
    final PeerSession session;

    ResponseDelivery(long order, PeerSession session, String transactionId, Object answer, Instant expiresAt) {
        super(order, session.peerDomain(), transactionId, answer, expiresAt);
        this.session = session;
    }

    @Override
    Mode mode() {
        return Mode.RESPONSE;
    }

    @Override
    public String toString() {
        return "response txn " + transactionId + " to " + peerDomain;
    }
}
