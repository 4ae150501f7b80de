package org.openimps.ssp.exchange.outbound;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.protocol.PrimitiveKinds;
import org.openimps.ssp.session.Handshakes;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.Role;
import org.openimps.ssp.session.SessionRegistry;

/** The sessions of the session layer: the registry's live ones, and the handshake for a new one. */
final class RegistrySessions implements SessionSource {
    private final Handshakes handshakes;
    private final SessionRegistry registry;

    RegistrySessions(Handshakes handshakes, SessionRegistry registry) {
        this.handshakes = handshakes;
        this.registry = registry;
    }

    @Override
    public CompletableFuture<PeerSession> sessionFor(PeerConfig peer, Object primitive) {
        Optional<PeerSession> provided = provided(peer, primitive);
        return provided.isPresent() ? CompletableFuture.completedFuture(provided.get()) : handshakes.requestorSession(peer);
    }

    @Override
    public Optional<PeerSession> live(PeerConfig peer, Object primitive) {
        Optional<PeerSession> provided = provided(peer, primitive);
        return provided.isPresent() ? provided : registry.current(peer.domain(), Role.REQUESTOR);
    }

    @Override
    public boolean isLive(PeerSession session) {
        return registry.byTheirSessionId(session.theirSessionId()).isPresent();
    }

    @Override
    public void end(PeerSession session) {
        registry.remove(session);
    }

    /** A notification goes in the session the peer opened with us, when there is one. */
    private Optional<PeerSession> provided(PeerConfig peer, Object primitive) {
        return PrimitiveKinds.isNotification(primitive) ? registry.current(peer.domain(), Role.PROVIDER) : Optional.empty();
    }
}
