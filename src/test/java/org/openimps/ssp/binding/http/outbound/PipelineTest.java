package org.openimps.ssp.binding.http.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.testing.RawRequest;

/**
 * The pipeline against small HTTP/1.1 servers on loopback that behave as peers do: one that answers every request
 * in order, one that answers only the first of a pipelined batch, one that drops the connection mid-batch.
 */
class PipelineTest {
    private final ExecutorService events = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MinimalHttpAsyncClient client = HttpAsyncClients.createMinimal(H2Config.DEFAULT, Http1Config.DEFAULT,
            IOReactorConfig.custom().setIoThreadCount(1).setSoTimeout(Timeout.ofSeconds(5)).build());
    private final List<String> stalls = new CopyOnWriteArrayList<>();
    private FakePeer peer;

    PipelineTest() {
        client.start();
    }

    @AfterEach
    void close() throws IOException {
        client.close(CloseMode.IMMEDIATE);
        events.shutdownNow();
        timer.shutdownNow();
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void aPeerThatAnswersInOrderGetsManyPostsInFlightOnOneConnection() throws Exception {
        peer = new FakePeer(Behaviour.ANSWER_ALL);
        Pipeline pipeline = pipeline(16);
        List<CompletableFuture<SimpleHttpResponse>> sent = submit(pipeline, 20);
        assertAllAnswered200(sent, 10);
        assertTrue(pipeline.mostInFlight() > 1, "pipelined: " + pipeline.mostInFlight());
        assertEquals(1, peer.connections.get());
        assertEquals(20, peer.answered.get());
        assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), peer.order, "written in order");
        assertTrue(stalls.isEmpty());
    }

    @Test
    void aPeerThatAnswersOnlyTheFirstPipelinedPostMakesThePipelineStopAndWaitAndResendTheRest() throws Exception {
        peer = new FakePeer(Behaviour.FIRST_ONLY);
        Pipeline pipeline = pipeline(16);
        List<CompletableFuture<SimpleHttpResponse>> sent = submit(pipeline, 6);
        assertAllAnswered200(sent, 20);
        assertEquals(1, stalls.size(), stalls.toString());
        assertEquals(1, pipeline.depth());
        assertTrue(peer.swallowed.get() > 0);
        assertEquals(6, peer.answered.get(), "each answered once");
    }

    @Test
    void aConnectionDroppedWithPostsInFlightSendsThemAllAgainInOrderOnANewOne() throws Exception {
        peer = new FakePeer(Behaviour.DROP_FIRST_CONNECTION_AFTER_TWO);
        Pipeline pipeline = pipeline(16);
        List<CompletableFuture<SimpleHttpResponse>> sent = submit(pipeline, 8);
        assertAllAnswered200(sent, 10);
        assertEquals(2, peer.connections.get());
        List<Integer> second = peer.order.subList(2, peer.order.size());
        List<Integer> sorted = new ArrayList<>(second);
        sorted.sort(Integer::compare);
        assertEquals(sorted, second, "sent again in order");
        assertFalse(second.isEmpty());
    }

    @Test
    void aPostThePeerDiesOnFailsAloneTheOnesPipelinedWithItAreAnswered() throws Exception {
        peer = new FakePeer(Behaviour.DIE_ON_SEQ_3);
        Pipeline pipeline = pipeline(16);
        List<CompletableFuture<SimpleHttpResponse>> sent = submit(pipeline, 6);
        for (int i = 0; i < sent.size(); i++) {
            if (i == 3) {
                java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> sent.get(3).get(10, TimeUnit.SECONDS));
                assertTrue(((PipelineFailure) e.getCause()).unanswered(), "written twice, answered never");
            } else {
                assertEquals(200, sent.get(i).get(10, TimeUnit.SECONDS).getCode(), "POST " + i);
            }
        }
    }

    @Test
    void aPeerThatClosesAfterAnnouncingItGetsTheRestPipelinedOnANewConnectionEachProcessedOnce() throws Exception {
        peer = new FakePeer(Behaviour.CLOSE_AFTER_THREE);
        // the peer gathers pipelined requests for up to 200 ms a read before it answers; on a loaded machine that
        // can pass 300 ms, which the pipeline would take for a peer that does not pipeline (a stall, not this test)
        Pipeline pipeline = pipeline(16, 5_000);
        List<CompletableFuture<SimpleHttpResponse>> sent = submit(pipeline, 10);
        assertAllAnswered200(sent, 10);
        assertEquals(4, peer.connections.get(), "3 + 3 + 3 + 1");
        assertEquals(java.util.stream.IntStream.range(0, 10).boxed().toList(),
                peer.processed.keySet().stream().sorted().toList());
        assertTrue(peer.processed.values().stream().allMatch(n -> n == 1), "each processed once: " + peer.processed);
        for (int i = 0; i < 100 && !peer.writtenAfterClose.containsKey(2); i++) {
            Thread.sleep(20); // the peer counts what it drained after its close
        }
        assertTrue(peer.writtenAfterClose.getOrDefault(2, 0) >= 2,
                "pipelined again on the second connection, not one at a time: " + peer.writtenAfterClose);
        assertTrue(stalls.isEmpty(), "an announced close is not a peer that cannot pipeline");
        KeepAliveSeen seen = pipeline.keepAlive();
        assertEquals(10, seen.answers(), "each POST answered once: " + seen);
        assertEquals(3, seen.closesAnnounced(), "the peer announced its close on three connections: " + seen);
        assertEquals(3, seen.connectionsEnded(), "and those three ended: " + seen);
    }

    private static void assertAllAnswered200(List<CompletableFuture<SimpleHttpResponse>> sent, int seconds)
            throws Exception {
        for (CompletableFuture<SimpleHttpResponse> s : sent) {
            assertEquals(200, s.get(seconds, TimeUnit.SECONDS).getCode());
        }
    }

    private Pipeline pipeline(int depth) {
        return pipeline(depth, 300);
    }

    private Pipeline pipeline(int depth, int stallMillis) {
        return new Pipeline(client, new HttpHost("http", "127.0.0.1", peer.port()), depth, stallMillis, events, timer,
                stalls::add);
    }

    private List<CompletableFuture<SimpleHttpResponse>> submit(Pipeline pipeline, int n) {
        List<CompletableFuture<SimpleHttpResponse>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SimpleHttpRequest request = SimpleHttpRequest.create(Method.POST, URI.create("http://127.0.0.1:" + peer.port() + "/ssp"));
            request.setBody(("body " + i).getBytes(StandardCharsets.UTF_8), ContentType.TEXT_PLAIN);
            request.addHeader("x-seq", String.valueOf(i));
            out.add(pipeline.submit(request));
        }
        return out;
    }

    private enum Behaviour { ANSWER_ALL, FIRST_ONLY, DROP_FIRST_CONNECTION_AFTER_TWO, DIE_ON_SEQ_3, CLOSE_AFTER_THREE }

    /** A loopback HTTP/1.1 server that reads requests in order and answers per its behaviour. */
    private static final class FakePeer implements AutoCloseable {
        final ServerSocket listener = new ServerSocket();
        final Behaviour behaviour;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger swallowed = new AtomicInteger();
        final List<Integer> order = new CopyOnWriteArrayList<>();
        final java.util.Map<Integer, Integer> processed = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<Integer, Integer> writtenAfterClose = new java.util.concurrent.ConcurrentHashMap<>();
        final ExecutorService threads = Executors.newCachedThreadPool();

        FakePeer(Behaviour behaviour) throws IOException {
            this.behaviour = behaviour;
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            threads.execute(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        int n = connections.incrementAndGet();
                        threads.execute(() -> serve(s, n));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve(Socket socket, int connection) {
            if (behaviour == Behaviour.CLOSE_AFTER_THREE) {
                serveThreeThenClose(socket, connection);
                return;
            }
            try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                 OutputStream out = socket.getOutputStream()) {
                boolean pipelining = false;
                int seen = 0;
                for (int seq = readRequest(in); seq >= 0; seq = readRequest(in)) {
                    seen++;
                    order.add(seq);
                    if (behaviour == Behaviour.DROP_FIRST_CONNECTION_AFTER_TWO && connection == 1 && seen > 2
                            || behaviour == Behaviour.DIE_ON_SEQ_3 && seq == 3) {
                        return; // closes with the rest unanswered
                    }
                    if (pipelining) {
                        swallowed.incrementAndGet();
                        continue;
                    }
                    if (behaviour == Behaviour.FIRST_ONLY) {
                        Thread.sleep(50);
                        pipelining = in.available() > 0;
                    }
                    answered.incrementAndGet();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        }

        /**
         * A keep-alive limit (Payara's default is 250 requests, Apache httpd's 100): three answers per connection, the
         * third announcing the close. Before answering it gathers what the client pipelines (up to five requests, or
         * until 200 ms pass without one), so that what was written behind the close can be counted, not processed
         * (RFC 9112 9.6); after the close it drains what else came until the client closes its side.
         */
        private void serveThreeThenClose(Socket socket, int connection) {
            try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                 OutputStream out = socket.getOutputStream()) {
                List<Integer> read = new ArrayList<>();
                int answeredHere = 0;
                while (answeredHere < 3) {
                    int first = readRequest(in);
                    if (first < 0) {
                        return;
                    }
                    read.add(first);
                    socket.setSoTimeout(200);
                    try {
                        for (int next; read.size() < 5 && (next = readRequest(in)) >= 0; ) {
                            read.add(next);
                        }
                    } catch (java.net.SocketTimeoutException quiet) {
                        // nothing more pipelined for now
                    }
                    socket.setSoTimeout(0);
                    while (!read.isEmpty() && answeredHere < 3) {
                        int seq = read.remove(0);
                        order.add(seq);
                        processed.merge(seq, 1, Integer::sum);
                        answered.incrementAndGet();
                        answeredHere++;
                        out.write(("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + (answeredHere == 3 ? "Connection: close\r\n" : "")
                                + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
                // a lingering close, as servers do: closing with requests unread would reset the connection, and
                // the client could lose the answers already sent (a reset, not the announced close, under load)
                socket.shutdownOutput();
                socket.setSoTimeout(1000);
                int drained = 0;
                try {
                    while (readRequest(in) >= 0) {
                        drained++;
                    }
                } catch (java.net.SocketTimeoutException | java.net.SocketException gone) {
                    // the client did not close its side in time, or reset it: stop draining
                }
                writtenAfterClose.put(connection, read.size() + drained);
            } catch (IOException e) {
                // closed
            }
        }

        /** Reads one request; returns its x-seq, or -1 at the end of the stream. */
        private static int readRequest(InputStream in) throws IOException {
            RawRequest request = RawRequest.read(in);
            return request == null ? -1 : Integer.parseInt(request.headers().getOrDefault("x-seq", "0"));
        }

        @Override
        public void close() throws IOException {
            listener.close();
            threads.shutdownNow();
        }
    }
}
