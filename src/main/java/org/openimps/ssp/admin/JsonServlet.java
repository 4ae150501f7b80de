package org.openimps.ssp.admin;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.protocol.Reply;

/** What the module's JSON APIs share: one JSON-B instance, bounded bodies, and answers that come later. */
abstract class JsonServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(JsonServlet.class.getName());
    /** Largest JSON body read. */
    static final int MAX_JSON_BYTES = 16 * 1024;

    private final transient Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

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
        byte[] body = jsonb.toJson(value).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /**
     * Answers when the stage completes, without holding a request thread. The stages given here always complete:
     * the correlation store times transactions out.
     */
    final void answerLater(HttpServletRequest req, HttpServletResponse resp, CompletionStage<?> stage) {
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        stage.whenComplete((value, error) -> {
            try {
                if (error != null) {
                    LOG.log(Level.WARNING, req.getRequestURI() + " failed", error);
                    writeJson(resp, 500, Map.of("error", String.valueOf(error.getMessage())));
                } else {
                    writeJson(resp, 200, value instanceof Reply r ? ReplyJson.of(r) : value);
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "client went away", e);
            } finally {
                async.complete();
            }
        });
    }
}
