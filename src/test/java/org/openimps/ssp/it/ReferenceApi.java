package org.openimps.ssp.it;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Drives a deployment's reference IMPS service over its JSON API, as the console does. */
final class ReferenceApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Jsonb JSON = JsonbBuilder.create();

    private final URI base;

    ReferenceApi(String context) {
        this(ItEnv.base(context));
    }

    /** The API of the deployment at {@code contextBase} (e.g. {@code http://127.0.0.1:8180/alpha/}). */
    ReferenceApi(URI contextBase) {
        this.base = contextBase.resolve("api/reference/");
    }

    Map<String, Object> sendMessage(String from, String to, String text) {
        return object(call(HttpRequest.newBuilder(base.resolve("messages"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.toJson(Map.of("from", from, "to", to, "text", text))))));
    }

    /**
     * Sends without waiting: the stage completes with the SSP status code of the reply, or exceptionally when
     * the API fails (e.g. its server restarts meanwhile).
     */
    @SuppressWarnings("unchecked")
    java.util.concurrent.CompletableFuture<Integer> sendMessageAsync(String from, String to, String text) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("messages")).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.toJson(Map.of("from", from, "to", to, "text", text))))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(first -> {
            HttpResponse<String> response = first;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (response.statusCode() == 202 && System.nanoTime() < end) { // the API stopped waiting: poll
                pause();
                response = poll((String) object(response.body()).get("poll"));
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("reference API answered " + response.statusCode() + ": " + response.body());
            }
            return statusCode(JSON.fromJson(response.body(), Map.class));
        });
    }

    Map<String, Object> sendMessageWithDeliveryReport(String from, String to, String text) {
        return post("messages", Map.of("from", from, "to", to, "text", text, "deliveryReport", true));
    }

    Map<String, Object> subscribe(String from, String to) {
        return post("subscriptions", Map.of("from", from, "to", to));
    }

    Map<String, Object> unsubscribe(String from, String to) {
        return post("unsubscriptions", Map.of("from", from, "to", to));
    }

    Map<String, Object> invite(String from, String to, String note) {
        return post("invitations", Map.of("from", from, "to", to, "text", note));
    }

    Map<String, Object> cancelInvite(String from, String to, String inviteId) {
        return post("invitations/cancel", Map.of("from", from, "to", to, "inviteId", inviteId));
    }

    List<Map<String, Object>> invitations(String user) {
        return list(call(HttpRequest.newBuilder(base.resolve("invitations/" + user)).GET()));
    }

    List<Map<String, Object>> deliveryReports(String user) {
        return list(call(HttpRequest.newBuilder(base.resolve("delivery-reports/" + user)).GET()));
    }

    private Map<String, Object> post(String resource, Map<String, Object> body) {
        return object(call(HttpRequest.newBuilder(base.resolve(resource))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.toJson(body)))));
    }

    List<Map<String, Object>> inbox(String user) {
        return list(call(HttpRequest.newBuilder(base.resolve("inbox/" + user)).GET()));
    }

    Map<String, Object> status() {
        return object(call(HttpRequest.newBuilder(base.resolve("status")).GET()));
    }

    Map<String, Object> fetchPresence(String userId) {
        return object(call(HttpRequest.newBuilder(base.resolve("presence?user="
                + URLEncoder.encode(userId, StandardCharsets.UTF_8))).GET()));
    }

    Map<String, Object> knownPresence(String userId) {
        return object(call(HttpRequest.newBuilder(base.resolve("known-presence?user="
                + URLEncoder.encode(userId, StandardCharsets.UTF_8))).GET()));
    }

    Map<String, Object> setPresence(String user, String availability, String statusText) {
        return object(call(HttpRequest.newBuilder(base.resolve("presence/" + user))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.toJson(
                        Map.of("availability", availability, "statusText", statusText))))));
    }

    @SuppressWarnings("unchecked")
    static int statusCode(Map<String, Object> reply) {
        return ((Number) ((Map<String, Object>) reply.get("status")).get("code")).intValue();
    }

    /** The body of a 200; a 202 (the API stopped waiting) is followed to its poll path until the answer is there. */
    private String call(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (response.statusCode() == 202 && System.nanoTime() < end) {
            pause();
            response = exchange(HttpRequest.newBuilder(base.resolve((String) object(response.body()).get("poll"))).GET());
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("reference API answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** One call of the API, whatever its status. */
    HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(90))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("reference API unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A send exactly as the API answers it: 200 with the reply, or 202 with where to poll. */
    HttpResponse<String> sendMessageOnce(String from, String to, String text) {
        return exchange(HttpRequest.newBuilder(base.resolve("messages"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.toJson(Map.of("from", from, "to", to, "text", text)))));
    }

    HttpResponse<String> poll(String path) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String json) {
        return JSON.fromJson(json, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String json) {
        return JSON.fromJson(json, List.class);
    }
}
