package org.openimps.ssp.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a free loopback port to the server under test that holds every chunk for {@code delayMillis}
 * before passing it on, in order, both ways: loopback made into a link with a round trip of twice that. It
 * counts, per connection, HTTP requests sent up and answers sent down, so a test sees how many POSTs were in
 * flight at once on one connection (pipelining) without timing anything; and it can cut a connection while
 * POSTs are in flight. At most {@link #MAX_CONNECTIONS} connections, all closed on {@link #close()}.
 */
public final class DelayRelay implements AutoCloseable {
    static final int MAX_CONNECTIONS = 32;
    private static final int MAX_CHUNKS = 10_000;
    private static final byte[] REQUEST = "POST ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int targetPort;
    private final long delayMillis;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger cutAt = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger cuts = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "delay-relay");
        t.setDaemon(true);
        return t;
    });

    public DelayRelay(int targetPort, long delayMillis) throws IOException {
        this.targetPort = targetPort;
        this.delayMillis = delayMillis;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::accept);
    }

    /** A URL on the server under test, reached through this relay. */
    public String url(String path) {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/" + path;
    }

    /** The URL of a deployment's SSP endpoint, reached through this relay. */
    public String ssp(String context) {
        return url(context + "/ssp");
    }

    public int connections() {
        return links.size();
    }

    /** The most requests that were unanswered at once on one connection. */
    public int mostOutstanding() {
        return links.stream().mapToInt(l -> l.most.get()).max().orElse(0);
    }

    /** Requests that went up, over all connections. */
    public int requests() {
        return links.stream().mapToInt(l -> l.requests.get()).sum();
    }

    /** Cuts (once) the first connection on which {@code outstanding} requests are unanswered at once. */
    public void cutOnceWhenOutstanding(int outstanding) {
        cutAt.set(outstanding);
    }

    public int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (links.size() >= MAX_CONNECTIONS) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, server);
                links.add(link);
                relay(link, client, server, true);
                relay(link, server, client, false);
            } catch (IOException e) {
                // listener closed, or the server refused: the client sees its connection fail
            }
        }
    }

    /** One direction: a reader that stamps each chunk with when it may go, and a writer that waits for that. */
    private void relay(Link link, Socket from, Socket to, boolean up) {
        BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(MAX_CHUNKS);
        threads.execute(() -> {
            byte[] buffer = new byte[16384];
            byte[] tail = new byte[0];
            try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    byte[] data = Arrays.copyOf(buffer, n);
                    tail = link.count(tail, data, up, this);
                    chunks.put(new Chunk(data, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis)));
                }
            } catch (IOException | InterruptedException e) {
                // closed or cut
            } finally {
                chunks.offer(Chunk.END);
            }
        });
        threads.execute(() -> {
            try (OutputStream out = to.getOutputStream()) {
                for (Chunk c = chunks.take(); c != Chunk.END; c = chunks.take()) {
                    long wait = c.due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    out.write(c.data);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // closed or cut
            } finally {
                link.close();
            }
        });
    }

    private void maybeCut(Link link, int outstanding) {
        int at = cutAt.get();
        if (outstanding >= at && cutAt.compareAndSet(at, Integer.MAX_VALUE)) {
            cuts.incrementAndGet();
            link.close();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        links.forEach(Link::close);
        threads.shutdownNow();
    }

    private record Chunk(byte[] data, long due) {
        static final Chunk END = new Chunk(new byte[0], 0);
    }

    /** One relayed connection and its request and answer counts. */
    private static final class Link {
        final Socket client;
        final Socket server;
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger answers = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        /** Counts request or answer starts in {@code data} (with the end of the last chunk); returns the new tail. */
        byte[] count(byte[] tail, byte[] data, boolean up, DelayRelay relay) {
            byte[] marker = up ? REQUEST : ANSWER;
            byte[] joined = new byte[tail.length + data.length];
            System.arraycopy(tail, 0, joined, 0, tail.length);
            System.arraycopy(data, 0, joined, tail.length, data.length);
            for (int i = 0; i + marker.length <= joined.length; i++) {
                if (i + marker.length > tail.length && matches(joined, i, marker)) {
                    int outstanding = up ? requests.incrementAndGet() - answers.get()
                            : requests.get() - answers.incrementAndGet();
                    most.accumulateAndGet(outstanding, Math::max);
                    if (up) {
                        relay.maybeCut(this, outstanding);
                    }
                }
            }
            int keep = Math.min(marker.length - 1, joined.length);
            return Arrays.copyOfRange(joined, joined.length - keep, joined.length);
        }

        private static boolean matches(byte[] in, int at, byte[] marker) {
            for (int j = 0; j < marker.length; j++) {
                if (in[at + j] != marker[j]) {
                    return false;
                }
            }
            return true;
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    client.close();
                } catch (IOException e) {
                    // already closed
                }
                try {
                    server.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }
    }
}
