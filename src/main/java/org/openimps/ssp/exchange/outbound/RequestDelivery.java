package org.openimps.ssp.exchange.outbound;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.wire.Mode;

/**
 * A request (or notification) of ours: stored in the outbox before its first POST (its row id is its order), in
 * any live session we hold with the peer, delivered when the peer's response arrives.
 */
final class RequestDelivery extends Delivery {
    /** The originator's stage; completes exactly once (a recovered request has nobody waiting). */
    final CompletableFuture<Reply> result;
    /** The session of the attempt in flight, and when it started (epoch ms): read when its outcome comes. */
    private PeerSession attemptSession;
    private long attemptStartedMillis;
    private int timeouts;
    /** POSTs in a row whose connection died without an HTTP answer. */
    private int drops;
    /** Whether the last failed POST died that way. */
    private boolean lastPostDropped;
    /** Why it is set aside, or null while it may be sent. */
    private String quarantineReason;

    RequestDelivery(long storedId, String peerDomain, String transactionId, Object payload, Instant expiresAt,
                    CompletableFuture<Reply> result) {
        super(storedId, peerDomain, transactionId, payload, expiresAt);
        this.result = result;
    }

    @Override
    Mode mode() {
        return Mode.REQUEST;
    }

    /** Its outbox row. */
    long storedId() {
        return order;
    }

    synchronized void attemptIn(PeerSession session, long startedMillis) {
        attemptSession = session;
        attemptStartedMillis = startedMillis;
    }

    synchronized PeerSession attemptSession() {
        return attemptSession;
    }

    synchronized long attemptStartedMillis() {
        return attemptStartedMillis;
    }

    /**
     * Counts a failed POST: one whose connection died without an answer adds to the drops in a row, any other
     * failure (a refused connection: the peer is down, not crashing on this message) ends the row.
     */
    synchronized void postFailed(boolean unanswered) {
        lastPostDropped = unanswered;
        drops = unanswered ? drops + 1 : 0;
    }

    /** The peer took a POST of this delivery: no longer a row of drops. */
    synchronized void postAccepted() {
        drops = 0;
        lastPostDropped = false;
    }

    synchronized boolean lastPostDropped() {
        return lastPostDropped;
    }

    synchronized int drops() {
        return drops;
    }

    /** Counts a response timeout; the row ends with any other outcome ({@link #failedWith}). */
    synchronized void timedOut() {
        timeouts++;
    }

    synchronized int timeouts() {
        return timeouts;
    }

    @Override
    synchronized void failedWith(StatusCode code, String reason) {
        super.failedWith(code, reason);
        if (code != StatusCode.TIMEOUT) {
            timeouts = 0;
        }
    }

    synchronized void quarantine(String reason) {
        quarantineReason = reason;
    }

    /** Back into the queue (an operator's retry): a fresh row of drops. */
    synchronized void release() {
        quarantineReason = null;
        drops = 0;
    }

    synchronized String quarantineReason() {
        return quarantineReason;
    }

    @Override
    public String toString() {
        return "request txn " + transactionId + " to " + peerDomain;
    }
}
