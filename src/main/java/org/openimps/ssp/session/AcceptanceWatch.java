package org.openimps.ssp.session;

import java.util.concurrent.CompletableFuture;

/**
 * A federation check waiting for a peer to start a handshake with us (the peer initiates, we accept). The next
 * handshake the peer starts is reported to the trace, M1..M6 from our side; {@link #result()} completes with the
 * session it made, or fails with the reason it ended without one. Close it when the check stops waiting.
 */
public final class AcceptanceWatch implements AutoCloseable {
    private final String domain;
    private final HandshakeTrace trace;
    private final CompletableFuture<PeerSession> result = new CompletableFuture<>();
    private final Runnable onClose;
    /** Set when a handshake took this watch: a second one from the peer at the same time is not mixed in. */
    private boolean taken;

    AcceptanceWatch(String domain, HandshakeTrace trace, Runnable onClose) {
        this.domain = domain;
        this.trace = trace;
        this.onClose = onClose;
    }

    public String domain() {
        return domain;
    }

    public CompletableFuture<PeerSession> result() {
        return result;
    }

    /** Binds the watch to a handshake that starts now; false when another handshake has it already. */
    synchronized boolean take() {
        if (taken || result.isDone()) {
            return false;
        }
        taken = true;
        return true;
    }

    HandshakeTrace trace() {
        return trace;
    }

    void established(PeerSession session) {
        result.complete(session);
    }

    void failed(String reason) {
        result.completeExceptionally(new SessionSetupException(reason));
    }

    @Override
    public void close() {
        onClose.run();
    }
}
