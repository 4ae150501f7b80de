package org.openimps.ssp.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on a free loopback port to the server under test, counting the connections it accepts and the
 * bytes each carried towards the server: how a test sees which TCP connections a domain's client opened.
 * Pointed at a port where nothing listens, it accepts and drops every connection (a dead node).
 * At most {@link #MAX_CONNECTIONS} connections; it closes them all on {@link #close()}.
 */
final class CountingProxy implements AutoCloseable {
    static final int MAX_CONNECTIONS = 32;

    private final ServerSocket listener;
    private final int targetPort;
    private final List<AtomicLong> bytesUp = new CopyOnWriteArrayList<>();
    private final AtomicLong attempts = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "counting-proxy");
        t.setDaemon(true);
        return t;
    });

    CountingProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        pumps.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The URL of a deployment's SSP endpoint, reached through this relay. */
    String ssp(String context) {
        return "http://127.0.0.1:" + port() + "/" + context + "/ssp";
    }

    /** TCP connections accepted so far. */
    int connections() {
        return bytesUp.size();
    }

    /** TCP connections accepted, whether or not they could be relayed. */
    long attempts() {
        return attempts.get();
    }

    /** Bytes each accepted connection carried towards the server, in the order they were accepted. */
    List<Long> bytesPerConnection() {
        return bytesUp.stream().map(AtomicLong::get).toList();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                attempts.incrementAndGet();
                Socket server = connectOrDrop(client);
                if (server == null) {
                    continue;
                }
                sockets.add(client);
                sockets.add(server);
                AtomicLong up = new AtomicLong();
                bytesUp.add(up);
                pumps.execute(() -> pump(client, server, up));
                pumps.execute(() -> pump(server, client, new AtomicLong()));
            } catch (IOException e) {
                // listener closed, or the server refused: the client sees its connection fail
            }
        }
    }

    /** The connection to the server, or null after closing the client (at the bound, or server refused). */
    private Socket connectOrDrop(Socket client) {
        try {
            if (bytesUp.size() < MAX_CONNECTIONS) {
                return new Socket(InetAddress.getLoopbackAddress(), targetPort);
            }
        } catch (IOException e) {
            // nothing listens there: the client sees its connection closed
        }
        closeQuietly(client);
        return null;
    }

    private static void pump(Socket from, Socket to, AtomicLong counted) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
                counted.addAndGet(n);
            }
        } catch (IOException e) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(CountingProxy::closeQuietly);
        pumps.shutdownNow();
    }
}
