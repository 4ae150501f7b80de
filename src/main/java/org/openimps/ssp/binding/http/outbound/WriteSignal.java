package org.openimps.ssp.binding.http.outbound;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * A request producer that says when its request was written out (not answered). The HTTP client does not keep
 * the order of requests handed to one connection at once, so {@link Pipeline} hands over the next only when
 * the one before is written: still many unanswered, and always in order.
 */
final class WriteSignal implements AsyncRequestProducer {
    private final AsyncRequestProducer delegate;
    private final boolean hasBody;
    private final Runnable written;
    private final AtomicBoolean signalled = new AtomicBoolean();

    WriteSignal(AsyncRequestProducer delegate, boolean hasBody, Runnable written) {
        this.delegate = delegate;
        this.hasBody = hasBody;
        this.written = written;
    }

    @Override
    public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
        delegate.sendRequest(channel, context);
        if (!hasBody) {
            signal();
        }
    }

    @Override
    public boolean isRepeatable() {
        return delegate.isRepeatable();
    }

    @Override
    public int available() {
        return delegate.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        delegate.produce(new DataStreamChannel() {
            @Override
            public void requestOutput() {
                channel.requestOutput();
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return channel.write(src);
            }

            @Override
            public void endStream(List<? extends Header> trailers) throws IOException {
                channel.endStream(trailers);
                signal();
            }

            @Override
            public void endStream() throws IOException {
                channel.endStream();
                signal();
            }
        });
    }

    @Override
    public void failed(Exception cause) {
        delegate.failed(cause);
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
    }

    private void signal() {
        if (signalled.compareAndSet(false, true)) {
            written.run();
        }
    }
}
