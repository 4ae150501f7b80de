package org.openimps.ssp.session;

import java.net.URI;
import java.time.Instant;
import org.openimps.ssp.config.PeerConfig;

/** Our side of a handshake a peer started (we become the provider). Guarded by its own monitor. */
final class Acceptance {
    enum Step { AWAIT_M3, AWAIT_M5 }

    final PeerConfig peer;
    /** The initiator's transaction id, which M3..M6 carry. */
    final String transactionId;
    final String theirSecret;
    final String ourSecret;
    final Instant deadline;
    Step step = Step.AWAIT_M3;
    Integer theirTimeToLive;
    /** Where our first SendSecretToken of this handshake went; the rest of it and the session's traffic go there. */
    URI endpoint;
    /** The federation check that waits for this handshake, or null. */
    private final AcceptanceWatch watch;

    Acceptance(PeerConfig peer, String transactionId, String theirSecret, String ourSecret, Instant deadline,
               AcceptanceWatch watch) {
        this.peer = peer;
        this.transactionId = transactionId;
        this.theirSecret = theirSecret;
        this.ourSecret = ourSecret;
        this.deadline = deadline;
        this.watch = watch;
    }

    HandshakeTrace trace() {
        return watch == null ? HandshakeTrace.NONE : watch.trace();
    }

    void established(PeerSession session) {
        if (watch != null) {
            watch.established(session);
        }
    }

    void failed(String reason) {
        if (watch != null) {
            watch.failed(reason);
        }
    }
}
