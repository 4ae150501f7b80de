package org.openimps.ssp.correlation;

import java.util.Objects;

/**
 * Identity of a transaction waiting for its response. A transaction id from the network is never a key
 * on its own: it is always scoped by the peer's domain and our session with that peer.
 *
 * @param peerDomain    the peer's IMPS domain
 * @param sessionId     our own id of the session the request travelled in (the setup txn id before one exists)
 * @param transactionId the id we gave the request
 */
public record PendingKey(String peerDomain, String sessionId, String transactionId) {
    public PendingKey {
        Objects.requireNonNull(peerDomain, "peerDomain");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
