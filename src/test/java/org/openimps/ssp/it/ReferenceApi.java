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

/** Drives a deployment's reference IMPS service over its JSON API, as the console does. */
final class ReferenceApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Jsonb JSON = JsonbBuilder.create();

    private final URI base;

    ReferenceApi(String context) {
        this.base = ItEnv.base(context).resolve("api/reference/");
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
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
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

    private static String call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("reference API answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("reference API unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return JSON.fromJson(json, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String json) {
        return JSON.fromJson(json, List.class);
    }
}
