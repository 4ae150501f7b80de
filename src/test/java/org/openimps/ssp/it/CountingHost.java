package org.openimps.ssp.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host in another deployment, reached by the JSON bridge's callback on a loopback port, that counts every
 * instant message it is handed by text: it lives outside the deployment that a test undeploys or restarts, so
 * it sees what was delivered, and how often.
 */
final class CountingHost implements AutoCloseable {
    private static final Jsonb JSON = JsonbBuilder.create();

    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final java.util.Set<String> transactions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger redeliveriesSkipped = new AtomicInteger();
    private final HttpServer server;

    @SuppressWarnings("unchecked")
    CountingHost() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/callback", exchange -> {
                Map<String, Object> inbound = JSON.fromJson(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8), Map.class);
                // as a host that must not act twice does: a redelivery of a transaction it already has is skipped
                String key = inbound.get("peerDomain") + " " + inbound.get("transactionId");
                boolean seen = !transactions.add(key);
                if (seen && Boolean.TRUE.equals(inbound.get("redelivered"))) {
                    redeliveriesSkipped.incrementAndGet();
                } else {
                    deliveries.computeIfAbsent(String.valueOf(inbound.get("text")), t -> new AtomicInteger()).incrementAndGet();
                }
                byte[] answer = JSON.toJson(Map.of("status", 200, "messageId", "counted")).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bridge settings that make a deployment hand its inbound primitives to this host. */
    Map<String, Object> bridge() {
        return Map.of("callbackUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/callback",
                "callbackTimeoutMillis", 5000);
    }

    /** Requests handed over again, marked redelivered, that this host had already taken. */
    int redeliveriesSkipped() {
        return redeliveriesSkipped.get();
    }

    /** Every distinct text delivered. */
    java.util.Set<String> texts() {
        return java.util.Set.copyOf(deliveries.keySet());
    }

    /** Distinct texts delivered. */
    int distinct() {
        return deliveries.size();
    }

    /** Texts delivered more than once, with their counts. */
    Map<String, Integer> duplicates() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        deliveries.forEach((text, n) -> {
            if (n.get() > 1) {
                out.put(text, n.get());
            }
        });
        return out;
    }

    /** Whether every one of {@code texts} was delivered. */
    boolean deliveredAll(java.util.Collection<String> texts) {
        return deliveries.keySet().containsAll(texts);
    }

    boolean delivered(String text) {
        return deliveries.containsKey(text);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
