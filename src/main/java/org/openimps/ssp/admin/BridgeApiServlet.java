package org.openimps.ssp.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.openimps.ssp.binding.http.bridge.BridgeJson;
import org.openimps.ssp.protocol.ImpsAddress;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.SendMessageRequest;

/**
 * {@code POST /api/bridge/send} for a host in another deployment (role ssp-host, HTTPS): a SendMessageRequest
 * {@code {"from":"wv:alice@alpha.example","to":"wv:bob@beta.example","text":"hi"}} or a GetPresenceRequest
 * {@code {"to":"beta.example","users":["wv:bob@beta.example"]}}; answers with the peer's response as JSON once
 * it came (the same shape as the reference API's replies).
 */
public class BridgeApiServlet extends JsonServlet {
    private static final long serialVersionUID = 1L;
    private final transient Federation federation;

    public BridgeApiServlet(Federation federation) {
        this.federation = federation;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/send".equals(req.getPathInfo())) {
            writeJson(resp, 404, Map.of("error", "POST /api/bridge/send"));
            return;
        }
        BridgeJson.Send send = readJson(req, resp, BridgeJson.Send.class);
        if (send == null) {
            return;
        }
        Optional<String> domain = send.to == null ? Optional.empty()
                : ImpsAddress.parse(send.to).map(ImpsAddress::domain).or(() -> Optional.of(send.to).filter(t -> !t.contains("@")));
        if (domain.isEmpty() || (send.users == null && (send.from == null || send.text == null))) {
            writeJson(resp, 400, Map.of("error", "need to (a user id or, with users, a domain) and from and text, or users"));
            return;
        }
        Object primitive = send.users != null ? new GetPresenceRequest(send.from, send.users)
                : new SendMessageRequest(send.from, send.to, send.text);
        answerLater(req, resp, federation.send(domain.get(), primitive));
    }
}
