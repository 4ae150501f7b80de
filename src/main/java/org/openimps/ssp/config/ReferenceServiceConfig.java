package org.openimps.ssp.config;

import jakarta.json.bind.annotation.JsonbCreator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bundled reference IMPS service: used by the demo and the tests, replaced by a real host's beans. Immutable;
 * JSON keys are the component names, and a key left out takes its default.
 *
 * @param users            local user names (without domain) that exist in this domain. Default none.
 * @param httpApi          serve the reference service's JSON API under {@code /api/reference} (send an IM, read an
 *                         inbox, set or get presence). Unauthenticated: for demos and tests only. Default false.
 * @param apiWaitSeconds   how long a call of the JSON API waits for the peer's answer before it answers HTTP 202
 *                         with a {@code poll} path where the answer is found later (a send is retried up to
 *                         {@code deliveryExpirySeconds}). Default 60.
 * @param maxInboxMessages most messages kept per inbox; the oldest is dropped beyond it. Default 1000.
 * @param greeting         a message sent once after start-up, retried until the peer answers (the demo's first
 *                         exchange). Default none.
 * @param greetings        more start-up messages, each retried on its own (a third demo domain greets both
 *                         others). Default none.
 */
public record ReferenceServiceConfig(List<String> users, Boolean httpApi, Integer apiWaitSeconds,
                                     Integer maxInboxMessages, Greeting greeting, List<Greeting> greetings) {

    @JsonbCreator
    public ReferenceServiceConfig {
        users = users == null ? List.of() : List.copyOf(users);
        httpApi = httpApi != null && httpApi;
        apiWaitSeconds = apiWaitSeconds == null ? 60 : apiWaitSeconds;
        maxInboxMessages = maxInboxMessages == null ? 1_000 : maxInboxMessages;
        greetings = greetings == null ? List.of() : greetings.stream().filter(Objects::nonNull).toList();
    }

    /** No users, no API, no greetings. */
    public static ReferenceServiceConfig defaults() {
        return new ReferenceServiceConfig(null, null, null, null, null, null);
    }

    public java.time.Duration apiWait() {
        return java.time.Duration.ofSeconds(Math.max(1, apiWaitSeconds));
    }

    /** {@code greeting} and {@code greetings} together. */
    public List<Greeting> allGreetings() {
        List<Greeting> out = new ArrayList<>();
        if (greeting != null) {
            out.add(greeting);
        }
        out.addAll(greetings);
        return out;
    }

    /** The start-up message: from a local user to a user id in another domain. */
    public record Greeting(String from, String to, String text) {
    }
}
