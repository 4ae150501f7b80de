package org.openimps.ssp.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openimps.ssp.testing.RawRequest;

/**
 * In front of a deployment's SSP endpoint, a peer with one of the habits some deployed SSP servers have (see
 * {@link Habit}). Requests it answers are passed to the deployment behind it. At most {@link #MAX_CONNECTIONS}
 * connections.
 */
final class FrontPeer implements AutoCloseable {
    /** How it treats a connection. */
    enum Habit {
        /**
         * It takes POSTs one at a time, but when a second request arrives on a connection before the first was
         * answered (pipelining), it answers the first and leaves that one and every later request on the
         * connection unanswered.
         */
        ANSWERS_FIRST_OF_PIPELINED,
        /** No keep-alive: it answers each request with {@code Connection: close} and closes the connection. */
        CLOSES_EACH_CONNECTION
    }

    static final int MAX_CONNECTIONS = 32;
    /** How long it looks for a request pipelined behind the one it read. */
    private static final long LOOK_MILLIS = 100;

    private final ServerSocket listener;
    private final URI backend;
    private final Habit habit;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger swallowed = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "front-peer");
        t.setDaemon(true);
        return t;
    });

    FrontPeer(URI backend, Habit habit) throws IOException {
        this.backend = backend;
        this.habit = habit;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    /** Requests it left unanswered. */
    int swallowed() {
        return swallowed.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (sockets.size() >= MAX_CONNECTIONS) {
                    client.close();
                    continue;
                }
                sockets.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = new BufferedInputStream(client.getInputStream());
             OutputStream out = client.getOutputStream()) {
            boolean pipelining = false;
            for (RawRequest request = RawRequest.read(in); request != null; request = RawRequest.read(in)) {
                if (pipelining) {
                    swallowed.incrementAndGet(); // never answered: the client must notice and send it again
                    continue;
                }
                if (habit == Habit.ANSWERS_FIRST_OF_PIPELINED) {
                    Thread.sleep(LOOK_MILLIS);
                    pipelining = in.available() > 0;
                }
                int status = forward(request);
                boolean closing = habit == Habit.CLOSES_EACH_CONNECTION;
                out.write(("HTTP/1.1 " + status + " OK\r\nContent-Length: 0\r\n" + (closing ? "Connection: close\r\n"
                        : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (closing) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private int forward(RawRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder post = HttpRequest.newBuilder(backend).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (String name : List.of("content-type", "x-wv-transactionid", "x-wv-sessionid")) {
            String value = request.headers().get(name);
            if (value != null) {
                post.header(name, value);
            }
        }
        return http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        threads.shutdownNow();
    }
}
