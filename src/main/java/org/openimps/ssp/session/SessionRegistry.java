package org.openimps.ssp.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.openimps.ssp.config.SspConfig;

/**
 * Established sessions, found by the peer's session id (inbound) or by peer and role (outbound). At most one
 * session per (peer, role): a new handshake replaces the old session. Bounded by {@code maxSessions}.
 */
@ApplicationScoped
public class SessionRegistry {
    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    private final Map<String, PeerSession> byTheirId = new ConcurrentHashMap<>();
    private final Map<PeerRole, PeerSession> byPeer = new ConcurrentHashMap<>();
    private int maxSessions;
    private Clock clock;

    protected SessionRegistry() {
        // for the CDI client proxy
    }

    @Inject
    public SessionRegistry(SspConfig config, Clock clock) {
        this(config.getMaxSessions(), clock);
    }

    public SessionRegistry(int maxSessions, Clock clock) {
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    /**
     * Adds an established session, replacing the previous one with the same peer and role.
     *
     * @throws SessionSetupException when the peer's id is taken by another live session, or at the bound
     */
    public synchronized void add(PeerSession session) {
        PeerSession sameId = byTheirId.get(session.theirSessionId());
        PeerRole key = new PeerRole(session.peerDomain(), session.role());
        PeerSession previous = byPeer.get(key);
        if (sameId != null && !sameId.equals(previous) && !sameId.isExpired(clock.instant())) {
            throw new SessionSetupException("session id " + session.theirSessionId() + " of " + session.peerDomain()
                    + " is already used by " + sameId);
        }
        if (previous == null && byPeer.size() >= maxSessions) {
            throw new SessionSetupException("at the bound of " + maxSessions + " sessions");
        }
        if (previous != null) {
            byTheirId.remove(previous.theirSessionId(), previous);
            LOG.info(() -> "replacing " + previous + " by " + session);
        }
        byPeer.put(key, session);
        byTheirId.put(session.theirSessionId(), session);
    }

    /** The live session the peer named with this id. */
    public Optional<PeerSession> byTheirSessionId(String theirSessionId) {
        return live(theirSessionId == null ? null : byTheirId.get(theirSessionId));
    }

    /** The live session with this peer in which we have this role. */
    public Optional<PeerSession> current(String peerDomain, Role role) {
        return live(byPeer.get(new PeerRole(peerDomain, role)));
    }

    public Collection<PeerSession> all() {
        return List.copyOf(byPeer.values());
    }

    public synchronized void remove(PeerSession session) {
        byPeer.remove(new PeerRole(session.peerDomain(), session.role()), session);
        byTheirId.remove(session.theirSessionId(), session);
    }

    /** Drops sessions whose timeToLive has passed. */
    public void expire() {
        var now = clock.instant();
        byPeer.values().stream().filter(s -> s.isExpired(now)).forEach(s -> {
            LOG.info(() -> s + " expired");
            remove(s);
        });
    }

    private Optional<PeerSession> live(PeerSession session) {
        if (session == null) {
            return Optional.empty();
        }
        if (session.isExpired(clock.instant())) {
            remove(session);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** Domains compare case-insensitively. */
    private record PeerRole(String peerDomain, Role role) {
        PeerRole {
            peerDomain = peerDomain.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
