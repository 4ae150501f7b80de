package org.openimps.ssp.exchange.outbound;

import java.time.Instant;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.wire.Mode;

/**
 * One transaction we must get to a peer: our request ({@link RequestDelivery}), delivered when the peer's response
 * arrives, or our response to the peer's request ({@link ResponseDelivery}), delivered when its HTTP 200 arrives.
 */
abstract sealed class Delivery permits RequestDelivery, ResponseDelivery {
    /** Order of delivery to the peer: the outbox id for requests. */
    final long order;
    final String peerDomain;
    final String transactionId;
    final Object payload;
    /** Epoch milliseconds (a long, not an Instant: 100,000 of these may wait at once). */
    final long expiresAtMillis;
    /**
     * The POST body, when it was encoded already (for the outbox or the dedupe record) in the session it names;
     * handed out once ({@link #takeBody}), so a pending request does not keep it. Null: encoded at send.
     */
    private byte[] body;
    private PeerSession bodySession;
    private int attempts;
    private String lastError;
    private StatusCode lastCode = StatusCode.PEER_UNAVAILABLE;

    Delivery(long order, String peerDomain, String transactionId, Object payload, Instant expiresAt) {
        this.order = order;
        this.peerDomain = peerDomain;
        this.transactionId = transactionId;
        this.payload = payload;
        this.expiresAtMillis = expiresAt.toEpochMilli();
    }

    abstract Mode mode();

    boolean expiredAt(Instant now) {
        return now.toEpochMilli() >= expiresAtMillis;
    }

    Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAtMillis);
    }

    /** Keeps a body encoded in {@code encodedIn} for the first attempt in that session. */
    synchronized Delivery withBody(byte[] encoded, PeerSession encodedIn) {
        body = encoded;
        bodySession = encodedIn;
        return this;
    }

    /** The body encoded earlier if it was for this session, once; null when it must be encoded now. */
    synchronized byte[] takeBody(PeerSession attempt) {
        byte[] taken = bodySession != null && bodySession.ourSessionId().equals(attempt.ourSessionId()) ? body : null;
        body = null;
        bodySession = null;
        return taken;
    }

    synchronized int nextAttempt() {
        return ++attempts;
    }

    synchronized int attempts() {
        return attempts;
    }

    synchronized void failedWith(StatusCode code, String reason) {
        lastCode = code;
        lastError = reason;
    }

    synchronized String lastError() {
        return lastError;
    }

    /** What the last failed attempt came to: the Status its originator gets if the delivery expires. */
    synchronized StatusCode lastCode() {
        return lastCode;
    }
}
