package org.openimps.ssp.exchange.outbound;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.Role;

/** The session port in memory: a "handshake" is a new session at once, counted. */
final class MemorySessions implements SessionSource {
    private final AtomicInteger established = new AtomicInteger();
    private volatile PeerSession current;

    @Override
    public synchronized CompletableFuture<PeerSession> sessionFor(PeerConfig peer, Object primitive) {
        if (current == null) {
            int n = established.incrementAndGet();
            current = new PeerSession(peer.domain(), Role.REQUESTOR, "ours-" + n, "theirs-" + n,
                    Instant.now().plusSeconds(3600));
        }
        return CompletableFuture.completedFuture(current);
    }

    @Override
    public Optional<PeerSession> live(PeerConfig peer, Object primitive) {
        return Optional.ofNullable(current);
    }

    @Override
    public boolean isLive(PeerSession session) {
        return session.equals(current);
    }

    @Override
    public synchronized void end(PeerSession session) {
        if (session.equals(current)) {
            current = null;
        }
    }

    int established() {
        return established.get();
    }
}
