package org.openimps.ssp.config;

import java.util.ArrayList;
import java.util.List;

/** The bundled reference IMPS service: used by the demo and the tests, replaced by a real host's beans. */
public class ReferenceServiceConfig {
    /** Local user names (without domain) that exist in this domain. Default none. */
    private List<String> users = new ArrayList<>();
    /**
     * Serve the reference service's JSON API under {@code /api/reference} (send an IM, read an inbox, set or
     * get presence). Unauthenticated: for demos and tests only. Default false.
     */
    private boolean httpApi;
    /**
     * How long a call of the JSON API waits for the peer's answer before it answers HTTP 202 with a {@code poll}
     * path where the answer is found later (a send is retried up to {@code deliveryExpirySeconds}), seconds.
     * Default 60.
     */
    private int apiWaitSeconds = 60;
    /** Most messages kept per inbox; the oldest is dropped beyond it. Default 1000. */
    private int maxInboxMessages = 1_000;
    /** A message sent once after start-up, retried until the peer answers (the demo's first exchange). Default none. */
    private Greeting greeting;
    /** More start-up messages, each retried on its own (a third demo domain greets both others). Default none. */
    private List<Greeting> greetings = new ArrayList<>();

    public List<String> getUsers() {
        return List.copyOf(users);
    }

    public boolean isHttpApi() {
        return httpApi;
    }

    public java.time.Duration apiWait() {
        return java.time.Duration.ofSeconds(Math.max(1, apiWaitSeconds));
    }

    public int getMaxInboxMessages() {
        return maxInboxMessages;
    }

    /** {@code greeting} and {@code greetings} together. */
    public List<Greeting> allGreetings() {
        List<Greeting> out = new ArrayList<>();
        if (greeting != null) {
            out.add(greeting);
        }
        if (greetings != null) {
            greetings.stream().filter(java.util.Objects::nonNull).forEach(out::add);
        }
        return out;
    }

    /** The start-up message: from a local user to a user id in another domain. */
    public static class Greeting {
        private String from;
        private String to;
        private String text;

        public String getFrom() {
            return from;
        }

        public String getTo() {
            return to;
        }

        public String getText() {
            return text;
        }
    }
}
