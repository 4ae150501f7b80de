package org.openimps.ssp.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openimps.ssp.config.SspConfig;

/**
 * Established sessions, found by the peer's session id (inbound) or by peer and role (outbound). At most one
 * session per (peer, role): a new handshake replaces the old session. Bounded by {@code maxSessions}: at the bound
 * a session with a new peer takes the place of the one used longest ago.
 */
@ApplicationScoped
public class SessionRegistry {
    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    private final Map<String, PeerSession> byTheirId = new ConcurrentHashMap<>();
    private final Map<PeerRole, PeerSession> byPeer = new ConcurrentHashMap<>();
    /** The session each new one replaced: still answers by its id until its own end, for transactions in flight. */
    private final Map<PeerRole, PeerSession> retired = new ConcurrentHashMap<>();
    private final AtomicLong established = new AtomicLong();
    /**
     * When each (peer, role)'s session was last looked up, epoch ms: at the bound, the longest unused one goes. A
     * lookup only sets the holder's value (no map write on the hot path); add and remove change the map.
     */
    private final Map<PeerRole, AtomicLong> lastUsed = new ConcurrentHashMap<>();
    private int maxSessions;
    private Clock clock;

    protected SessionRegistry() {
        // for the CDI client proxy
    }

    @Inject
    public SessionRegistry(SspConfig config, Clock clock) {
        this(config.maxSessions(), clock);
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
        boolean samePeer = sameId != null && key.equals(new PeerRole(sameId.peerDomain(), sameId.role()));
        if (sameId != null && !samePeer && !sameId.isExpired(clock.instant())) {
            throw new SessionSetupException("session id " + session.theirSessionId() + " of " + session.peerDomain()
                    + " is already used by " + sameId);
        }
        if (previous == null && byPeer.size() >= maxSessions) {
            dropLeastRecentlyUsed();
        }
        if (previous != null) {
            PeerSession older = retired.put(key, previous);
            if (older != null) {
                byTheirId.remove(older.theirSessionId(), older);
            }
            LOG.info(() -> "replacing " + previous + " by " + session);
        }
        byPeer.put(key, session);
        byTheirId.put(session.theirSessionId(), session);
        lastUsed.put(key, new AtomicLong(clock.millis()));
        established.incrementAndGet();
    }

    /**
     * Makes room for a session with another peer: with more peer domains over time than {@code maxSessions}, every
     * one stays reachable in turn. The session looked up longest ago goes (a handshake renews it when its peer is
     * back); its peer's resends in it are refused and renew it the same way.
     */
    private void dropLeastRecentlyUsed() {
        byPeer.entrySet().stream().min(java.util.Comparator.comparingLong(e -> usedAt(e.getKey())))
                .ifPresent(oldest -> {
                    LOG.info(() -> "at the bound of " + maxSessions + " sessions: dropping " + oldest.getValue()
                            + ", the one used longest ago, for a new peer");
                    remove(oldest.getValue());
                });
    }

    /** Sessions established since start, in both roles. */
    public long established() {
        return established.get();
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

    /** How many current sessions (both roles) there are with each peer domain, by lower-case domain. */
    public Map<String, Integer> countByPeer() {
        Map<String, Integer> out = new TreeMap<>();
        byPeer.keySet().forEach(k -> out.merge(k.peerDomain().toLowerCase(Locale.ROOT), 1, Integer::sum));
        return out;
    }

    public synchronized void remove(PeerSession session) {
        PeerRole key = new PeerRole(session.peerDomain(), session.role());
        if (byPeer.remove(key, session)) {
            lastUsed.remove(key);
        }
        retired.remove(key, session);
        byTheirId.remove(session.theirSessionId(), session);
    }

    /** Drops every session with a peer, current and retired. */
    public synchronized void removeDomain(String peerDomain) {
        List<PeerSession> gone = new ArrayList<>();
        for (Role role : Role.values()) {
            PeerRole key = new PeerRole(peerDomain, role);
            Stream.of(byPeer.get(key), retired.get(key)).filter(Objects::nonNull).forEach(gone::add);
        }
        gone.forEach(this::remove);
        if (!gone.isEmpty()) {
            LOG.info(() -> "dropped " + gone.size() + " session(s) with " + peerDomain);
        }
    }

    /** Drops sessions whose timeToLive has passed. */
    public void expire() {
        var now = clock.instant();
        Stream.concat(byPeer.values().stream(), retired.values().stream())
                .filter(s -> s.isExpired(now)).toList().forEach(s -> {
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
        AtomicLong used = lastUsed.get(new PeerRole(session.peerDomain(), session.role()));
        if (used != null) {
            used.lazySet(clock.millis());
        }
        return Optional.of(session);
    }

    private long usedAt(PeerRole key) {
        AtomicLong used = lastUsed.get(key);
        return used == null ? 0L : used.get();
    }

    /** Domains compare case-insensitively. */
    private record PeerRole(String peerDomain, Role role) {
        PeerRole {
            peerDomain = peerDomain.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
