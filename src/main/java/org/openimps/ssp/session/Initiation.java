package org.openimps.ssp.session;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.openimps.ssp.config.PeerConfig;

/** Our side of a handshake we started (we become the requestor). Guarded by its own monitor. */
final class Initiation {
    enum Step { AWAIT_M2, AWAIT_M4, AWAIT_M6 }

    final PeerConfig peer;
    final String transactionId;
    final String ourSecret;
    final Instant deadline;
    final CompletableFuture<PeerSession> result = new CompletableFuture<>();
    /** Who watches this handshake step by step (a federation check), usually nobody. */
    final HandshakeTrace trace;
    Step step = Step.AWAIT_M2;
    String ourSessionId;
    Integer theirTimeToLive;
    /** Where our first SendSecretToken of this handshake went; the rest of it and the session's traffic go there. */
    URI endpoint;

    Initiation(PeerConfig peer, String transactionId, String ourSecret, Instant deadline, HandshakeTrace trace) {
        this.peer = peer;
        this.trace = trace;
        this.transactionId = transactionId;
        this.ourSecret = ourSecret;
        this.deadline = deadline;
    }

    String domain() {
        return peer.domain().toLowerCase(Locale.ROOT);
    }
}
