package org.openimps.ssp.admin;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.protocol.Reply;

/** What the module's JSON APIs share: one JSON-B instance, bounded bodies, and answers that come later. */
abstract class JsonServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(JsonServlet.class.getName());
    /** Largest JSON body read. */
    static final int MAX_JSON_BYTES = 16 * 1024;

    /** Where a caller polls an answer that took longer than {@link #answerWait()}, relative to the API's base. */
    static final String POLL_PATH = "requests/";

    private final transient Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    private final transient PendingAnswers pending = new PendingAnswers();

    @Override
    public void destroy() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing JSON-B", e);
        }
    }

    /** The body as {@code type}, or null after answering 413 or 400. */
    final <T> T readJson(HttpServletRequest req, HttpServletResponse resp, Class<T> type) throws IOException {
        try (InputStream in = req.getInputStream()) {
            byte[] body = in.readNBytes(MAX_JSON_BYTES + 1);
            if (body.length > MAX_JSON_BYTES) {
                writeJson(resp, 413, Map.of("error", "JSON body over " + MAX_JSON_BYTES + " bytes"));
                return null;
            }
            return jsonb.fromJson(new String(body, StandardCharsets.UTF_8), type);
        } catch (JsonbException e) {
            writeJson(resp, 400, Map.of("error", "invalid JSON: " + e.getMessage()));
            return null;
        }
    }

    final void writeJson(HttpServletResponse resp, int status, Object value) throws IOException {
        write(resp, status, "application/json", jsonb.toJson(value));
    }

    private static void write(HttpServletResponse resp, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(type + ";charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /**
     * Answers when the stage completes, without holding a request thread. The stages given here always complete
     * (the correlation store times transactions out, deliveries expire), but that may take up to an hour: past
     * {@link #answerWait()} the caller gets HTTP 202 with {@code poll}, where {@link #polled} answers later.
     */
    final void answerLater(HttpServletRequest req, HttpServletResponse resp, CompletionStage<?> stage) {
        AsyncContext async = req.startAsync();
        CompletableFuture<?> answer = stage.toCompletableFuture();
        AtomicBoolean answered = new AtomicBoolean();
        async.setTimeout(answerWait().toMillis());
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (answered.compareAndSet(false, true)) {
                    try {
                        writeJson(resp, 202, Map.of("status", "pending", "poll", POLL_PATH + pending.add(answer)));
                    } finally {
                        async.complete();
                    }
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
                // answered
            }

            @Override
            public void onError(AsyncEvent event) {
                LOG.fine(() -> req.getRequestURI() + ": client went away");
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not restarted
            }
        });
        answer.whenComplete((value, error) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                writeAnswer(req, resp, value, error);
            } catch (IOException e) {
                LOG.log(Level.FINE, "client went away", e);
            } finally {
                async.complete();
            }
        });
    }

    /** GET {@code requests/{id}}: the answer once it came (200), 202 while it has not, 404 for an unknown id. */
    final void polled(HttpServletRequest req, HttpServletResponse resp, String id) throws IOException {
        Optional<CompletableFuture<?>> answer = pending.get(id);
        if (answer.isEmpty()) {
            writeJson(resp, 404, Map.of("error", "no pending request " + id + " (unknown, or forgotten among the last "
                    + PendingAnswers.MAX + ")"));
        } else if (!answer.get().isDone()) {
            writeJson(resp, 202, Map.of("status", "pending", "poll", POLL_PATH + id));
        } else {
            answer.get().handle((value, error) -> {
                try {
                    writeAnswer(req, resp, value, error);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "client went away", e);
                }
                return null;
            });
        }
    }

    /**
     * How long {@link #answerLater} waits before it answers 202; zero waits as long as the stage takes (the bridge:
     * a host that called us to send, not a person).
     */
    protected Duration answerWait() {
        return Duration.ZERO;
    }

    private void writeAnswer(HttpServletRequest req, HttpServletResponse resp, Object value, Throwable error)
            throws IOException {
        if (error != null) {
            LOG.log(Level.WARNING, req.getRequestURI() + " failed", error);
            writeJson(resp, 500, Map.of("error", String.valueOf(error.getMessage())));
        } else if (value instanceof String text) { // a report in plain text, for a shell
            write(resp, 200, "text/plain", text);
        } else {
            writeJson(resp, 200, value instanceof Reply r ? ReplyJson.of(r) : value);
        }
    }
}
