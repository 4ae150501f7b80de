package org.openimps.ssp.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * POST messages                  {"from":"alice","to":"wv:bob@beta.example","text":"hi","deliveryReport":false}
 * GET  inbox/{user}              messages delivered to a local user
 * GET  delivery-reports/{user}   delivery reports remote domains sent about a local user's messages
 * PUT  presence/{user}           {"availability":"AVAILABLE","statusText":"at lunch"}: notifies subscribers
 * GET  presence?user={id}&as={u} GetPresence round trip to the user's domain, asked by local user u (default: the first)
 * GET  known-presence?user={id}  the presence a remote domain last notified for that user
 * GET  known-presence            every remote user's last notified presence (the first 100)
 * POST subscriptions             {"from":"alice","to":"wv:bob@beta.example"}: SubscribeRequest
 * POST unsubscriptions           {"from":"alice","to":"wv:bob@beta.example"}: UnsubscribeRequest
 * POST invitations               {"from":"alice","to":"wv:bob@beta.example","text":"note"}: InviteRequest (answer has inviteId)
 * POST invitations/cancel        {"from":"alice","to":"wv:bob@beta.example","inviteId":"…"}: CancelInviteRequest
 * GET  invitations/{user}        invitations a local user received, and answers to those it sent
 * GET  requests/{id}             the answer of a call that answered 202 (it waited {@code reference.apiWaitSeconds})
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
        if (path.startsWith("/" + POLL_PATH)) {
            polled(req, resp, path.substring(POLL_PATH.length() + 1));
        } else if (path.equals("/status")) {
            writeJson(resp, 200, status());
        } else if (path.startsWith("/inbox/")) {
            String user = path.substring("/inbox/".length());
            if (!service.hasUser(user)) {
                writeJson(resp, 404, Map.of("error", "no local user " + user));
                return;
            }
            writeJson(resp, 200, service.inbox(user));
        } else if (path.startsWith("/invitations/") || path.startsWith("/delivery-reports/")) {
            String user = path.substring(path.lastIndexOf('/') + 1);
            if (!service.hasUser(user)) {
                writeJson(resp, 404, Map.of("error", "no local user " + user));
                return;
            }
            writeJson(resp, 200, path.startsWith("/invitations/") ? service.invitations(user) : service.deliveryReports(user));
        } else if (path.equals("/known-presence") && req.getParameter("user") == null) {
            writeJson(resp, 200, ReplyJson.presence(service.knownRemotePresence()));
        } else if (path.equals("/known-presence") && req.getParameter("user") != null) {
            var known = service.knownRemotePresence(req.getParameter("user"));
            if (known.isPresent()) {
                writeJson(resp, 200, ReplyJson.presence(known.get()));
            } else {
                writeJson(resp, 404, Map.of("error", "no notification received for " + req.getParameter("user")));
            }
        } else if (path.equals("/presence") && req.getParameter("user") != null) {
            String asker = req.getParameter("as") != null ? req.getParameter("as")
                    : service.users().stream().findFirst().orElse(null);
            if (asker == null) {
                writeJson(resp, 400, Map.of("error", "no local user to ask as: give ?as={user}"));
                return;
            }
            answerLater(req, resp, service.fetchPresence(asker, req.getParameter("user")));
        } else {
            writeJson(resp, 404, Map.of("error", "unknown resource " + path));
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!List.of("/messages", "/subscriptions", "/unsubscriptions", "/invitations", "/invitations/cancel")
                .contains(path)) {
            writeJson(resp, 404, Map.of("error", "unknown resource " + path));
            return;
        }
        MessageForm form = readJson(req, resp, MessageForm.class);
        if (form == null) {
            return;
        }
        if (form.from == null || form.to == null || (path.equals("/messages") && form.text == null)
                || (path.equals("/invitations/cancel") && form.inviteId == null)) {
            writeJson(resp, 400, Map.of("error", "from and to are required, text for messages, inviteId to cancel"));
            return;
        }
        switch (path) {
            case "/messages" -> answerLater(req, resp, service.sendMessage(form.from, form.to, form.text,
                    form.deliveryReport));
            case "/subscriptions" -> answerLater(req, resp, service.subscribe(form.from, form.to));
            case "/unsubscriptions" -> answerLater(req, resp, service.unsubscribe(form.from, form.to));
            case "/invitations" -> {
                String inviteId = service.newId();
                answerLater(req, resp, service.invite(form.from, form.to, inviteId, form.text)
                        .thenApply(reply -> withInviteId(reply, inviteId)));
            }
            default -> answerLater(req, resp, service.cancelInvite(form.from, form.to, form.inviteId, form.text));
        }
    }

    private static ReplyJson withInviteId(Reply reply, String inviteId) {
        return ReplyJson.of(reply).withInviteId(inviteId);
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

    @Override
    protected java.time.Duration answerWait() {
        return service.apiWait();
    }

    /** The reference domain: its users and sessions. */
    public record Status(String domain, List<String> users, List<AdminView.SessionRow> sessions) {
    }

    private Status status() {
        return new Status(service.domain(), List.copyOf(service.users()), sessions.all().stream()
                .map(s -> new AdminView.SessionRow(s.peerDomain(), s.role().name(), s.ourSessionId(), s.theirSessionId(),
                        s.expiresAt())).toList());
    }

    /** Body of the POSTs: messages, subscriptions, invitations. */
    public static class MessageForm {
        public String from;
        public String to;
        public String text;
        public boolean deliveryReport;
        public String inviteId;
    }

    /** Body of PUT presence/{user}. */
    public static class PresenceForm {
        public String availability;
        public String statusText;
    }
}
