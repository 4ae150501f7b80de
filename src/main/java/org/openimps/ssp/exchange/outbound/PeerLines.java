package org.openimps.ssp.exchange.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

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

    /** The peer's line with a place taken on it; empty when the line is full. A line retired meanwhile is replaced. */
    Optional<PeerLine> reserve(String peerDomain) {
        return reserve(peerDomain, PeerLine::reserve);
    }

    /** As {@link #reserve}, for a response (not held back by requests waiting in the outbox only). */
    Optional<PeerLine> reserveResponse(String peerDomain) {
        return reserve(peerDomain, PeerLine::reserveResponse);
    }

    /** The peer's line with a request counted as waiting in the outbox only; empty when {@code maxStored} wait. */
    Optional<PeerLine> reserveOverflow(String peerDomain, long maxStored) {
        return reserve(peerDomain, line -> line.reserveOverflow(maxStored));
    }

    private Optional<PeerLine> reserve(String peerDomain, Predicate<PeerLine> take) {
        while (true) {
            PeerLine line = line(peerDomain);
            if (take.test(line)) {
                return Optional.of(line);
            }
            if (!line.isRetired()) {
                return Optional.empty();
            }
            lines.remove(key(peerDomain), line);
        }
    }

    /** The peer's line with a place taken beyond the bound (a request recovered from the store). */
    PeerLine reserveRecovered(String peerDomain) {
        while (true) {
            PeerLine line = line(peerDomain);
            if (line.reserveRecovered()) {
                return line;
            }
            lines.remove(key(peerDomain), line);
        }
    }

    /** Drops the lines of peers with nothing queued for {@code idle}: one line per peer ever seen would only grow. */
    int evictIdle(Instant now, Duration idle) {
        int before = lines.size();
        lines.forEach((key, line) -> {
            if (line.retireIfIdle(now, idle)) {
                lines.remove(key, line);
            }
        });
        return before - lines.size();
    }

    int size() {
        return lines.size();
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
