package org.openimps.ssp.exchange.outbound;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.wire.Mode;

/**
 * One transaction we must get to a peer. A request is delivered when the peer's response arrives and is
 * stored in the outbox until then ({@code storedId}); a response is delivered when the peer's HTTP 200 arrives,
 * only in the session its request came in (its durable form is the dedupe record).
 */
final class Delivery {
    /** Order of delivery to the peer: the outbox id for stored requests. */
    final long order;
    /** {@link #storedId} of a delivery that is not in the outbox (responses). */
    static final long NOT_STORED = -1;
    /** Outbox row, or {@link #NOT_STORED}. */
    final long storedId;
    final String peerDomain;
    final String transactionId;
    final Mode mode;
    final Object payload;
    /** For responses: the session the request came in; null for requests (any live session will do). */
    final PeerSession session;
    /**
     * The POST body, when it was encoded already (for the outbox or the dedupe record) in the session it names;
     * handed out once ({@link #takeBody}), so a pending request does not keep it. Null: encoded at send.
     */
    private byte[] body;
    private PeerSession bodySession;
    /** Epoch milliseconds (a long, not an Instant: 100,000 of these may wait at once). */
    final long expiresAtMillis;
    /** The originator's stage; completes exactly once (a recovered request has nobody waiting). */
    final CompletableFuture<Reply> result;
    /** The session of the attempt in flight, and when it started (epoch ms): read when its outcome comes. */
    private PeerSession attemptSession;
    private long attemptStartedMillis;
    private int attempts;
    private int timeouts;
    /** POSTs in a row whose connection died without an HTTP answer. */
    private int drops;
    /** Why it is set aside, or null while it may be sent. */
    private String quarantineReason;
    private String lastError;
    private StatusCode lastCode = StatusCode.PEER_UNREACHABLE;

    Delivery(long order, long storedId, String peerDomain, String transactionId, Mode mode, Object payload,
             PeerSession session, Instant expiresAt, CompletableFuture<Reply> result) {
        this.order = order;
        this.storedId = storedId;
        this.peerDomain = peerDomain;
        this.transactionId = transactionId;
        this.mode = mode;
        this.payload = payload;
        this.session = session;
        this.expiresAtMillis = expiresAt.toEpochMilli();
        this.result = result;
    }

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

    boolean isStored() {
        return storedId != NOT_STORED;
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

    boolean isResponse() {
        return mode == Mode.RESPONSE;
    }

    synchronized int nextAttempt() {
        return ++attempts;
    }

    /** Counts a response timeout; returns how many there were in a row. */
    synchronized int timedOut() {
        return ++timeouts;
    }

    synchronized int attempts() {
        return attempts;
    }

    /**
     * Counts a failed POST: one whose connection died without an answer adds to the drops in a row, any other
     * failure (a refused connection: the peer is down, not crashing on this message) ends the row.
     *
     * @return the drops in a row
     */
    synchronized int postFailed(boolean unanswered) {
        drops = unanswered ? drops + 1 : 0;
        return drops;
    }

    /** The peer took a POST of this delivery: no longer a row of drops. */
    synchronized void postAccepted() {
        drops = 0;
    }

    synchronized int drops() {
        return drops;
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

    synchronized void failedWith(StatusCode code, String reason) {
        lastCode = code;
        lastError = reason;
        if (code != StatusCode.REQUEST_TIMEOUT) {
            timeouts = 0;
        }
    }

    synchronized String lastError() {
        return lastError;
    }

    /** What the last failed attempt came to: the Status its originator gets if the delivery expires. */
    synchronized StatusCode lastCode() {
        return lastCode;
    }

    @Override
    public String toString() {
        return (isResponse() ? "response" : "request") + " txn " + transactionId + " to " + peerDomain;
    }
}
