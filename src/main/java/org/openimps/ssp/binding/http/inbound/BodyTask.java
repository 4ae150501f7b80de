package org.openimps.ssp.binding.http.inbound;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one request body on the container's async pool ({@link AsyncContext#start}), up to a bound, and hands it
 * on. SSP bodies are small and size-bounded, so a blocking read is the fast path on both servers (Grizzly's
 * ReadListener neither fires reliably for an already-buffered body nor runs fast). Every path ends the
 * AsyncContext exactly once: body handled, too large, read error, or async timeout (a peer dripping its body
 * slower than the timeout gets 408, and the container's close of the stream frees the reading thread).
 */
final class BodyTask implements Runnable, AsyncListener {
    private static final Logger LOG = Logger.getLogger(BodyTask.class.getName());

    /** What to do with the request once its body is complete; it writes the response, not completes it. */
    interface BodyHandler {
        void onBody(byte[] body) throws IOException;

        /** Writes an HTTP refusal (status, short reason) and logs it with the transaction id. */
        void refuse(int status, String reason) throws IOException;
    }

    private final AsyncContext async;
    private final int max;
    private final long contentLength;
    private final BodyHandler handler;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Payara's async pool threads carry the server's class loader; CDI proxies need the application's. */
    private final ClassLoader applicationLoader = Thread.currentThread().getContextClassLoader();

    BodyTask(AsyncContext async, int max, long contentLength, BodyHandler handler) {
        this.async = async;
        this.max = max;
        this.contentLength = contentLength;
        this.handler = handler;
    }

    @Override
    public void run() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(applicationLoader);
        try {
            readAndHandle();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void readAndHandle() {
        byte[] body;
        try {
            body = read(async.getRequest().getInputStream());
        } catch (IOException | RuntimeException e) {
            // a RuntimeException too: Undertow frees the stream when the body timeout (408) completes the request
            // under a blocked read, which then fails with a NullPointerException; finish() answers only once
            finish(() -> handler.refuse(400, "request body could not be read: " + e.getMessage()));
            return;
        }
        if (body == null) {
            finish(() -> handler.refuse(413, "body exceeds " + max + " bytes"));
        } else {
            finish(() -> handler.onBody(body));
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        finish(() -> handler.refuse(408, "request body not complete within " + async.getTimeout() + " ms"));
    }

    @Override
    public void onError(AsyncEvent event) {
        finish(() -> handler.refuse(400, "request failed: " + event.getThrowable()));
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finished.set(true);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-dispatched
    }

    /** The body, or null when it is longer than {@code max} bytes. */
    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contentLength > 0 ? (int) Math.min(contentLength, max) : 1024);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void finish(ResponseWriter writer) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            writer.write();
        } catch (IOException e) {
            LOG.log(Level.INFO, "answering an SSP POST failed (peer gone?): {0}", e.toString());
        } catch (RuntimeException e) {
            // never a silent 200 for a message we did not take: the peer must know to resend
            LOG.log(Level.WARNING, "SSP POST failed inside the module", e);
            refuseQuietly(500, "internal error");
        } finally {
            async.complete();
        }
    }

    private void refuseQuietly(int status, String reason) {
        try {
            if (!async.getResponse().isCommitted()) {
                async.getResponse().reset();
                handler.refuse(status, reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not answer " + status, e);
        }
    }

    @FunctionalInterface
    private interface ResponseWriter {
        void write() throws IOException;
    }
}
