package org.openimps.ssp.exchange.outbound;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.session.PeerSession;

/** The sessions deliveries go in: the session layer, or in-memory sessions in unit tests. */
interface SessionSource {

    /**
     * The session a primitive goes in: a notification in the session the peer opened with us when there is one,
     * anything else in ours, established first if need be.
     */
    CompletableFuture<PeerSession> sessionFor(PeerConfig peer, Object primitive);

    /** The session {@link #sessionFor} would pick now, without starting a handshake; empty when there is none. */
    Optional<PeerSession> live(PeerConfig peer, Object primitive);

    /** Whether a session is still live (a response goes only in the session its request came in). */
    boolean isLive(PeerSession session);

    /** Ends a session the peer seems to have lost: the next request starts a new one. */
    void end(PeerSession session);
}
