package org.openimps.ssp.admin;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.binding.http.bridge.BridgeJson;
import org.openimps.ssp.protocol.ImpsAddress;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.SendMessageRequest;

/**
 * {@code POST /api/bridge/send} for a host in another deployment (role ssp-host, HTTPS): a SendMessageRequest
 * {@code {"from":"wv:alice@alpha.example","to":"wv:bob@beta.example","text":"hi"}} or a GetPresenceRequest
 * {@code {"to":"beta.example","users":["wv:bob@beta.example"]}}; answers with the peer's response as JSON once
 * it came (the same shape as the reference API's replies).
 */
public class BridgeApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BridgeApiServlet.class.getName());
    private static final int MAX_JSON_BYTES = 16 * 1024;

    private final transient Federation federation;
    private final transient Jsonb jsonb = JsonbBuilder.create();

    public BridgeApiServlet(Federation federation) {
        this.federation = federation;
    }

    @Override
    public void destroy() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing JSON-B", e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/send".equals(req.getPathInfo())) {
            write(resp, 404, Map.of("error", "POST /api/bridge/send"));
            return;
        }
        BridgeJson.Send send;
        try (InputStream in = req.getInputStream()) {
            byte[] body = in.readNBytes(MAX_JSON_BYTES + 1);
            if (body.length > MAX_JSON_BYTES) {
                write(resp, 413, Map.of("error", "JSON body over " + MAX_JSON_BYTES + " bytes"));
                return;
            }
            send = jsonb.fromJson(new String(body, StandardCharsets.UTF_8), BridgeJson.Send.class);
        } catch (JsonbException e) {
            write(resp, 400, Map.of("error", "invalid JSON: " + e.getMessage()));
            return;
        }
        Optional<String> domain = send == null || send.to == null ? Optional.empty()
                : ImpsAddress.parse(send.to).map(ImpsAddress::domain).or(() -> Optional.of(send.to).filter(t -> !t.contains("@")));
        if (domain.isEmpty() || (send.users == null && (send.from == null || send.text == null))) {
            write(resp, 400, Map.of("error", "need to (a user id or, with users, a domain) and from and text, or users"));
            return;
        }
        Object primitive = send.users != null ? new GetPresenceRequest(send.users)
                : new SendMessageRequest(send.from, send.to, send.text);
        answerLater(req, resp, federation.send(domain.get(), primitive));
    }

    private void answerLater(HttpServletRequest req, HttpServletResponse resp, CompletionStage<Reply> stage) {
        AsyncContext async = req.startAsync();
        async.setTimeout(0); // the stage always completes: the correlation store times transactions out
        stage.whenComplete((reply, error) -> {
            try {
                write(resp, error == null ? 200 : 500, error == null ? ReplyJson.of(reply)
                        : Map.of("error", String.valueOf(error.getMessage())));
            } catch (IOException e) {
                LOG.log(Level.FINE, "bridge client went away", e);
            } finally {
                async.complete();
            }
        });
    }

    private void write(HttpServletResponse resp, int status, Object value) throws IOException {
        byte[] body = jsonb.toJson(value).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
