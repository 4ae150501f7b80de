package org.openimps.ssp.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The baseline: an async servlet that drains the body and answers an empty 200 off the request thread, the physical ceiling. */
@WebServlet(urlPatterns = "/bench/empty", asyncSupported = true)
public class EmptyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AsyncContext async = req.startAsync();
        // completed off the request thread, as the SSP servlet does: completing on it let Undertow take the next
        // pipelined request on the same stack, nested, until a StackOverflowError cut the connection
        async.start(() -> {
            try {
                req.getInputStream().readAllBytes();
                resp.setStatus(200);
                resp.setContentLength(0);
            } catch (IOException e) {
                resp.setStatus(400);
            } finally {
                async.complete();
            }
        });
    }
}
