package org.openimps.ssp.binding.http.inbound;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one request body without blocking a container thread, up to a bound, and then hands it on. Every
 * path ends the AsyncContext exactly once: body read, body too large, read error, or async timeout (a peer
 * that drips its body slower than the timeout gets 408).
 */
final class BodyListener implements ReadListener, AsyncListener {
    private static final Logger LOG = Logger.getLogger(BodyListener.class.getName());

    /** What to do with the request once its body is complete; it writes the response, not completes it. */
    interface BodyHandler {
        void onBody(byte[] body) throws IOException;

        /** Writes an HTTP refusal (status, short reason) and logs it with the transaction id. */
        void refuse(int status, String reason) throws IOException;
    }

    private final AsyncContext async;
    private final ServletInputStream in;
    private final int max;
    private final BodyHandler handler;
    private final ByteArrayOutputStream body;
    private final byte[] buffer = new byte[8192];
    private final AtomicBoolean finished = new AtomicBoolean();

    BodyListener(AsyncContext async, ServletInputStream in, int max, long contentLength, BodyHandler handler) {
        this.async = async;
        this.in = in;
        this.max = max;
        this.handler = handler;
        this.body = new ByteArrayOutputStream(contentLength > 0 ? (int) Math.min(contentLength, max) : 1024);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (in.isReady() && !in.isFinished()) {
            int n = in.read(buffer);
            if (n < 0) {
                return;
            }
            if (body.size() + n > max) {
                finish(() -> handler.refuse(413, "body exceeds " + max + " bytes"));
                return;
            }
            body.write(buffer, 0, n);
        }
        if (in.isFinished()) {
            // Grizzly (Payara) does not always call onAllDataRead when the whole body came in one read
            onAllDataRead();
        }
    }

    @Override
    public void onAllDataRead() {
        finish(() -> handler.onBody(body.toByteArray()));
    }

    @Override
    public void onError(Throwable t) {
        finish(() -> {
            LOG.log(Level.FINE, "reading an SSP body failed", t);
            handler.refuse(400, "request body could not be read: " + t.getMessage());
        });
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        finish(() -> handler.refuse(408, "request body not complete within " + async.getTimeout() + " ms"));
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finished.set(true);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-dispatched
    }

    private void finish(ResponseWriter writer) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            writer.write();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "answering an SSP POST failed: {0}", e.toString());
        } finally {
            async.complete();
        }
    }

    @FunctionalInterface
    private interface ResponseWriter {
        void write() throws IOException;
    }
}
