package org.openimps.ssp.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The read-only admin API under {@code /api/admin/*}, for operators and the console. Protected by the
 * container (role {@code ssp-admin}, WEB-INF/web.xml).
 * <pre>
 * GET overview   everything below in one document (what the console polls)
 * GET peers      per peer: URL or DNS SRV, endpoint in use, policy, state UP/DOWN/IDLE, last error, sessions, pending
 * GET sessions   established sessions with both ids and their end
 * GET pending    pending transactions, in all and per peer
 * GET recent     the last 200 transactions, request and response joined
 * GET build      version, build time, Java
 * </pre>
 */
public class AdminApiServlet extends JsonServlet {
    private static final long serialVersionUID = 1L;
    private final transient AdminView view;

    public AdminApiServlet(AdminView view) {
        this.view = view;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
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
}
