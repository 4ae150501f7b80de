package org.openimps.ssp.exchange.outbound;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every peer's {@link PeerLine}, by domain (case-insensitive). */
final class PeerLines {
    private final Map<String, PeerLine> lines = new ConcurrentHashMap<>();
    private final int maxQueuedPerPeer;

    PeerLines(int maxQueuedPerPeer) {
        this.maxQueuedPerPeer = maxQueuedPerPeer;
    }

    PeerLine line(String peerDomain) {
        return lines.computeIfAbsent(key(peerDomain), k -> new PeerLine(peerDomain, maxQueuedPerPeer));
    }

    Optional<PeerLine> find(String peerDomain) {
        return Optional.ofNullable(lines.get(key(peerDomain)));
    }

    Collection<PeerLine> all() {
        return lines.values();
    }

    List<QueueState> states() {
        return lines.values().stream().map(PeerLine::snapshot).sorted(Comparator.comparing(QueueState::peerDomain)).toList();
    }

    private static String key(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }
}
