package org.openimps.ssp.admin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}, without a login, for a load balancer's health check: 200 and this node's id while the node
 * takes SSP messages, 503 from the moment it stops (undeploy or shutdown), so the balancer sends new connections to
 * the other nodes before this one is gone.
 */
public class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String nodeId;
    private final transient BooleanSupplier accepting;

    public HealthServlet(String nodeId, BooleanSupplier accepting) {
        this.nodeId = nodeId;
        this.accepting = accepting;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean up = accepting.getAsBoolean();
        byte[] body = ((up ? "UP " : "STOPPING ") + nodeId + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
