package org.openimps.ssp.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.spi.reference.ReferenceImpsService;

/**
 * JSON API of the reference service under {@code /api/reference/*} (enabled by {@code reference.httpApi};
 * unauthenticated, for demos and tests). Sends complete asynchronously when the peer's response arrives.
 * <pre>
 * GET  status                    domain, users, sessions
 * POST messages                  {"from":"alice","to":"wv:bob@beta.example","text":"hi"}
 * GET  inbox/{user}              messages delivered to a local user
 * PUT  presence/{user}           {"availability":"AVAILABLE","statusText":"at lunch"}: notifies watchers
 * GET  presence?user={userId}    GetPresence round trip to the user's domain
 * GET  known-presence?user={id}  the presence a remote domain last notified for that user
 * </pre>
 */
public class ReferenceApiServlet extends JsonServlet {
    private static final long serialVersionUID = 1L;

    private final transient ReferenceImpsService service;
    private final transient SessionRegistry sessions;

    public ReferenceApiServlet(ReferenceImpsService service, SessionRegistry sessions) {
        this.service = service;
        this.sessions = sessions;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.equals("/status")) {
            writeJson(resp, 200, status());
        } else if (path.startsWith("/inbox/")) {
            String user = path.substring("/inbox/".length());
            if (!service.hasUser(user)) {
                writeJson(resp, 404, Map.of("error", "no local user " + user));
                return;
            }
            writeJson(resp, 200, service.inbox(user));
        } else if (path.equals("/known-presence") && req.getParameter("user") != null) {
            var known = service.knownRemotePresence(req.getParameter("user"));
            if (known.isPresent()) {
                writeJson(resp, 200, ReplyJson.presence(known.get()));
            } else {
                writeJson(resp, 404, Map.of("error", "no notification received for " + req.getParameter("user")));
            }
        } else if (path.equals("/presence") && req.getParameter("user") != null) {
            answerLater(req, resp, service.fetchPresence(req.getParameter("user")));
        } else {
            writeJson(resp, 404, Map.of("error", "unknown resource " + path));
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/messages".equals(req.getPathInfo())) {
            writeJson(resp, 404, Map.of("error", "unknown resource " + req.getPathInfo()));
            return;
        }
        MessageForm form = readJson(req, resp, MessageForm.class);
        if (form == null) {
            return;
        }
        if (form.from == null || form.to == null || form.text == null) {
            writeJson(resp, 400, Map.of("error", "from, to and text are required"));
            return;
        }
        answerLater(req, resp, service.sendMessage(form.from, form.to, form.text));
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!path.startsWith("/presence/")) {
            writeJson(resp, 404, Map.of("error", "unknown resource " + path));
            return;
        }
        PresenceForm form = readJson(req, resp, PresenceForm.class);
        if (form == null) {
            return;
        }
        List<CompletionStage<Reply>> notified = service.setPresence(path.substring("/presence/".length()),
                form.availability == null ? "AVAILABLE" : form.availability, form.statusText);
        CompletableFuture<?>[] all = notified.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new);
        answerLater(req, resp, CompletableFuture.allOf(all).thenApply(v -> Map.of("notified",
                notified.stream().map(s -> ReplyJson.of(s.toCompletableFuture().join())).toList())));
    }

    private Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("domain", service.domain());
        out.put("users", service.users());
        out.put("sessions", sessions.all().stream().map(s -> Map.of("peer", s.peerDomain(), "role", s.role().name(),
                "ourSessionId", s.ourSessionId(), "theirSessionId", s.theirSessionId(),
                "expiresAt", s.expiresAt().toString())).toList());
        return out;
    }

    /** Body of POST messages. */
    public static class MessageForm {
        public String from;
        public String to;
        public String text;
    }

    /** Body of PUT presence/{user}. */
    public static class PresenceForm {
        public String availability;
        public String statusText;
    }
}
