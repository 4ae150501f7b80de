package org.openimps.ssp.monitor;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Each peer's last POST outcome: UP after a POST it accepted, DOWN after one that failed (with the reason). */
public final class PeerHealth {
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final int maxPeers;

    public PeerHealth(int maxPeers) {
        this.maxPeers = maxPeers;
    }

    public enum Status { UP, DOWN }

    /**
     * @param lastError  the reason of the last failure (kept after recovery), or null
     */
    public record State(Status status, Instant since, Instant lastOk, String lastError, Instant lastErrorAt,
                        long consecutiveFailures) {
    }

    public void ok(String peer, Instant at) {
        update(peer, previous -> previous == null
                ? new State(Status.UP, at, at, null, null, 0)
                : new State(Status.UP, previous.status() == Status.UP ? previous.since() : at, at,
                        previous.lastError(), previous.lastErrorAt(), 0));
    }

    public void failed(String peer, String reason, Instant at) {
        update(peer, previous -> previous == null
                ? new State(Status.DOWN, at, null, reason, at, 1)
                : new State(Status.DOWN, previous.status() == Status.DOWN ? previous.since() : at, previous.lastOk(),
                        reason, at, previous.consecutiveFailures() + 1));
    }

    public Optional<State> of(String peer) {
        return Optional.ofNullable(states.get(peer.toLowerCase(Locale.ROOT)));
    }

    private void update(String peer, java.util.function.UnaryOperator<State> next) {
        String key = peer.toLowerCase(Locale.ROOT);
        if (!states.containsKey(key) && states.size() >= maxPeers) {
            forgetLongestQuiet(); // the bound: a new peer takes the place of the one heard of longest ago
        }
        states.compute(key, (k, v) -> next.apply(v));
    }

    private void forgetLongestQuiet() {
        states.entrySet().stream().min(java.util.Comparator.comparing(e -> lastHeard(e.getValue())))
                .ifPresent(oldest -> states.remove(oldest.getKey(), oldest.getValue()));
    }

    private static Instant lastHeard(State state) {
        Instant ok = state.lastOk() == null ? Instant.MIN : state.lastOk();
        Instant error = state.lastErrorAt() == null ? Instant.MIN : state.lastErrorAt();
        return ok.isAfter(error) ? ok : error;
    }

    /** Peers tracked (at most the bound). */
    public int size() {
        return states.size();
    }
}
