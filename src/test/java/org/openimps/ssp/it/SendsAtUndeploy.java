package org.openimps.ssp.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.wire.SendMessageRequest;

/**
 * A test bean deployed inside the WAR: a host that sends while the deployment stops, once just before the outbound
 * pipeline stops (the module's observer has priority 3) and once after, and reports each outcome and how long it
 * took to the test's listener (its URL is a resource the test adds). A send must always complete.
 */
@ApplicationScoped
public class SendsAtUndeploy {
    static final String REPORT_URL_RESOURCE = "/sends-at-undeploy.url";
    private static final long WAIT_SECONDS = 10;

    @Inject
    Federation federation;
    private CompletableFuture<Reply> beforeStop;
    private long beforeStopStarted;

    /** Created with the application, so that it is there to observe the stop. */
    void created(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // nothing to do until the stop
    }

    void justBeforeTheStop(@Observes @Priority(1) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        beforeStopStarted = System.nanoTime();
        beforeStop = send("sent just before the stop");
    }

    void afterTheStop(@Observes @Priority(10) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        long started = System.nanoTime();
        report("after", outcome(send("sent after the stop")), started);
        report("before", outcome(beforeStop), beforeStopStarted);
    }

    private CompletableFuture<Reply> send(String text) {
        return federation.send("beta.test", new SendMessageRequest("wv:alice@alpha.test", "wv:bob@beta.test", text))
                .toCompletableFuture();
    }

    private static String outcome(CompletableFuture<Reply> reply) {
        try {
            Reply r = reply.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return r.status().getCode() + " " + r.status().getDescription();
        } catch (TimeoutException e) {
            return "no outcome within " + WAIT_SECONDS + " s";
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    private void report(String which, String outcome, long startedNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        try (InputStream in = getClass().getResourceAsStream(REPORT_URL_RESOURCE)) {
            URI target = URI.create(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim() + "?which=" + which
                    + "&millis=" + millis);
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(outcome)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot report to the test", e);
        }
    }
}
