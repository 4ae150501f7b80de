package org.openimps.ssp.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers a JSON API gave up waiting for (HTTP 202), kept under an id the caller polls. Bounded: the oldest are
 * forgotten beyond {@link #MAX}, done or not (their outcome still reaches the host and the logs).
 */
final class PendingAnswers {
    static final int MAX = 1_000;

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<?>> byId = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<?>> eldest) {
            return size() > MAX;
        }
    };

    synchronized String add(CompletableFuture<?> answer) {
        String id = "r" + ids.incrementAndGet();
        byId.put(id, answer);
        return id;
    }

    synchronized Optional<CompletableFuture<?>> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
