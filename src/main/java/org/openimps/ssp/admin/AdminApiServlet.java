package org.openimps.ssp.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.openimps.ssp.check.CheckReport;
import org.openimps.ssp.check.CheckRequest;
import org.openimps.ssp.check.DomainChecker;

/**
 * The admin API under {@code /api/admin/*}, for operators and the console. Protected by the container (role
 * {@code ssp-admin}, WEB-INF/web.xml); every change is logged with the operator's name.
 * <pre>
 * GET overview   everything below in one document (what the console polls)
 * GET peers      per peer: URL or DNS SRV, endpoint in use, policy, state UP/DOWN/IDLE, last error, sessions, pending
 * GET sessions   established sessions with both ids and their end
 * GET pending    pending transactions, in all and per peer
 * GET recent     the last 200 transactions, request and response joined
 * GET build      version, build time, Java
 * GET queue?peer={domain}   the peer's quarantined, then queued, requests (first 200)
 * POST queue/retry {"peer":"beta.example","transactionId":"…"}   send a quarantined request again
 * POST queue/drop  {"peer":"beta.example","transactionId":"…"}   give a waiting request up (Status 410 to its sender)
 * POST check {"domain":"beta.example","url":"…","user":"bob","initiator":"us","waitSeconds":30}  a federation check
 *      of the domain, step by step (all but domain optional; initiator "peer" waits for the peer's M1);
 *      {@code ?format=text} answers the plain-text report. 503 while two checks run.
 * </pre>
 */
public class AdminApiServlet extends JsonServlet {
    private static final long serialVersionUID = 1L;
    private final transient AdminView view;
    private final transient DomainChecker checker;

    public AdminApiServlet(AdminView view, DomainChecker checker) {
        this.view = view;
        this.checker = checker;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/queue".equals(req.getPathInfo())) {
            String peer = req.getParameter("peer");
            if (peer == null || peer.isBlank()) {
                writeJson(resp, 400, Map.of("error", "queue needs ?peer={domain}"));
            } else {
                writeJson(resp, 200, view.queue(peer));
            }
            return;
        }
        Supplier<Object> answer = switch (req.getPathInfo() == null ? "" : req.getPathInfo()) {
            case "/overview" -> view::overview;
            case "/peers" -> view::peers;
            case "/sessions" -> view::sessions;
            case "/pending" -> view::pending;
            case "/recent" -> view::recent;
            case "/build" -> view::build;
            default -> null;
        };
        if (answer == null) {
            writeJson(resp, 404, Map.of("error", "no such admin resource: " + req.getPathInfo()));
            return;
        }
        writeJson(resp, 200, answer.get());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.equals("/check")) {
            check(req, resp);
            return;
        }
        if (!path.equals("/queue/retry") && !path.equals("/queue/drop")) {
            writeJson(resp, 404, Map.of("error", "POST queue/retry, queue/drop or check"));
            return;
        }
        QueueAction action = readJson(req, resp, QueueAction.class);
        if (action == null) {
            return;
        }
        if (action.peer == null || action.transactionId == null) {
            writeJson(resp, 400, Map.of("error", "peer and transactionId are required"));
            return;
        }
        String operator = req.getRemoteUser();
        boolean done = path.equals("/queue/retry") ? view.retry(action.peer, action.transactionId, operator)
                : view.drop(action.peer, action.transactionId, operator);
        if (done) {
            writeJson(resp, 200, Map.of("peer", action.peer, "transactionId", action.transactionId,
                    "action", path.substring("/queue/".length())));
        } else {
            writeJson(resp, 404, Map.of("error", "no " + (path.endsWith("retry") ? "quarantined" : "waiting")
                    + " request " + action.transactionId + " for " + action.peer));
        }
    }

    private void check(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        CheckForm form = readJson(req, resp, CheckForm.class);
        if (form == null) {
            return;
        }
        if (form.domain == null || form.domain.isBlank()) {
            writeJson(resp, 400, Map.of("error", "domain is required"));
            return;
        }
        CheckRequest request;
        try {
            request = new CheckRequest(form.domain, form.url, form.user, CheckRequest.Initiator.parse(form.initiator),
                    form.waitSeconds == null ? null : Duration.ofSeconds(form.waitSeconds));
        } catch (IllegalArgumentException e) {
            writeJson(resp, 400, Map.of("error", e.getMessage()));
            return;
        }
        var started = checker.start(request, req.getRemoteUser());
        if (started.isEmpty()) {
            resp.setHeader("Retry-After", "10");
            writeJson(resp, 503, Map.of("error", DomainChecker.MAX_RUNNING + " checks are running; try again shortly"));
            return;
        }
        boolean text = "text".equals(req.getParameter("format"));
        answerLater(req, resp, text ? started.get().thenApply(CheckReport::text) : started.get());
    }

    /** Body of POST check. */
    public static class CheckForm {
        public String domain;
        public String url;
        public String user;
        /** "us" (the default) or "peer": who starts the session establishment the check looks at. */
        public String initiator;
        /** When the peer initiates: how long to wait for its M1, at most 120 s (default 30). */
        public Integer waitSeconds;
    }

    /** Body of POST queue/retry and queue/drop. */
    public static class QueueAction {
        public String peer;
        public String transactionId;
    }
}
