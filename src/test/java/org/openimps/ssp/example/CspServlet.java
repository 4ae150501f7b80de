package org.openimps.ssp.example;

import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.openimps.ssp.protocol.ImpsAddress;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.wire.SendMessageRequest;

/**
 * docs/host-integration.md, step 2: the host's CSP-facing servlet (a stand-in for its CSP binding) in the
 * same WAR. A local client's message to a user of another domain goes out through the module's
 * {@link Federation}; the answer comes back asynchronously, so the servlet is async and no request thread waits.
 * <pre>
 * POST /csp/send?from=wv:alice@alpha.test&amp;to=wv:bob@beta.test&amp;text=hi   -> "200 Successfully completed"
 * GET  /csp/received                                                       -> what remote domains delivered
 * </pre>
 */
@WebServlet(urlPatterns = "/csp/*", asyncSupported = true)
public class CspServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient Federation federation;
    @Inject
    transient CspHost host;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String from = req.getParameter("from");
        String to = req.getParameter("to");
        Optional<ImpsAddress> recipient = ImpsAddress.parse(to);
        if (from == null || recipient.isEmpty() || !"/send".equals(req.getPathInfo())) {
            write(resp, 400, "POST /csp/send?from=...&to=wv:user@domain&text=...");
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0); // Federation.send always completes: the module times transactions out
        federation.send(recipient.get().domain(), new SendMessageRequest(from, to, req.getParameter("text")))
                .whenComplete((reply, error) -> {
                    try {
                        write(resp, 200, error != null ? "500 " + error : describe(reply));
                    } catch (IOException e) {
                        // the local client went away; the message was still sent
                    } finally {
                        async.complete();
                    }
                });
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, 200, String.join("\n", host.delivered()));
    }

    private static String describe(Reply reply) {
        return reply.status().getCode() + " " + reply.status().getDescription();
    }

    private static void write(HttpServletResponse resp, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
