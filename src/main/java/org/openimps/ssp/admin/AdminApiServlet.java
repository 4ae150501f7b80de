package org.openimps.ssp.admin;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

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
public class AdminApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AdminApiServlet.class.getName());

    private final transient AdminView view;
    private final transient Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    public AdminApiServlet(AdminView view) {
        this.view = view;
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
            write(resp, 404, Map.of("error", "no such admin resource: " + req.getPathInfo()));
            return;
        }
        write(resp, 200, answer.get());
    }

    private void write(HttpServletResponse resp, int status, Object value) throws IOException {
        byte[] body = jsonb.toJson(value).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
