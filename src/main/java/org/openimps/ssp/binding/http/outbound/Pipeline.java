package org.openimps.ssp.binding.http.outbound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncClientEndpoint;

/**
 * One persistent HTTP/1.1 connection to one route carrying up to {@code depth} POSTs written before their
 * answers come (pipelining, spec 5.1); the answers come in order, and nothing waits for them on a thread. A
 * plain state machine under this object's lock. A written or answered request moves it on the HTTP client's I/O
 * thread (short steps, never a wait); everything else, and the completion callers see, runs on {@code events}.
 * <ul>
 * <li>The peer announces {@code Connection: close} on an answer (a keep-alive limit): what was written after it
 * goes again, pipelined, on a new connection; the peer did not process it.</li>
 * <li>The connection dies with POSTs written and unanswered: all of them go again, in order, on a new
 * connection, once, one at a time (if one of them is what the peer dies on, it takes no other down with it); a
 * POST unanswered twice fails ({@link PipelineFailure#unanswered()}).</li>
 * <li>The answer at the head is overdue by {@code stallMillis} after the peer answered what was written before
 * it: the peer does not take pipelining. Depth falls to 1 ({@code onStall} is told), and what was unanswered
 * goes again, in order, on a new connection (the peer dedupes by transaction id).</li>
 * </ul>
 * Bounded: at most {@link #MAX_QUEUED} POSTs wait beyond the depth.
 */
final class Pipeline {
    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());
    static final int MAX_QUEUED = 10_000;

    private final MinimalHttpAsyncClient client;
    private final HttpHost route;
    private final Executor events;
    private final ScheduledExecutorService timer;
    private final int stallMillis;
    private final Consumer<String> onStall;
    private final Deque<Exchange> queued = new ArrayDeque<>();
    private final Deque<Exchange> inflight = new ArrayDeque<>();
    private int depth;
    private AsyncClientEndpoint endpoint;
    private boolean leasing;
    /** A request is being written: the next waits for it (the client would not keep their order otherwise). */
    private boolean writing;
    /**
     * POSTs sent again after their connection died, still to go one at a time: one of them may be what the peer
     * dies on, and alone it takes no other POST down with it.
     */
    private int isolated;
    /** Bumped whenever the connection is given up: callbacks of an older one are stale. */
    private long generation;
    private boolean closed;
    /** Most POSTs ever in flight at once (for the admin view and tests). */
    private int mostInFlight;
    /** Answers so far, those that announced Connection: close, and the last Keep-Alive header (for a check). */
    private long answers;
    private long closesAnnounced;
    private String keepAliveHeader;

    Pipeline(MinimalHttpAsyncClient client, HttpHost route, int depth, int stallMillis, Executor events,
             ScheduledExecutorService timer, Consumer<String> onStall) {
        this.client = client;
        this.route = route;
        this.depth = depth;
        this.stallMillis = stallMillis;
        this.events = events;
        this.timer = timer;
        this.onStall = onStall;
    }

    /** Queues a POST; the stage completes with the peer's HTTP answer or a {@link PipelineFailure}. */
    CompletableFuture<SimpleHttpResponse> submit(SimpleHttpRequest request) {
        Exchange exchange = new Exchange(request);
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new PipelineFailure("connection to " + route + " closed", null, false));
            }
            if (queued.size() >= MAX_QUEUED) {
                return CompletableFuture.failedFuture(new PipelineFailure(MAX_QUEUED + " POSTs already wait for "
                        + route, null, false));
            }
            queued.addLast(exchange);
            pump();
        }
        return exchange.result;
    }

    synchronized int depth() {
        return depth;
    }

    /** Stop-and-wait from now on (the peer is known not to take pipelining). */
    synchronized void stopAndWait() {
        depth = 1;
    }

    synchronized int mostInFlight() {
        return mostInFlight;
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        generation++;
        discardConnection();
        PipelineFailure gone = new PipelineFailure("connection to " + route + " closed", null, false);
        inflight.forEach(e -> e.result.completeExceptionally(gone));
        queued.forEach(e -> e.result.completeExceptionally(gone));
        inflight.clear();
        queued.clear();
    }

    /** Writes what the depth allows, or opens the connection first. */
    private void pump() {
        if (closed) {
            return;
        }
        if (endpoint == null) {
            if (!leasing && !queued.isEmpty()) {
                lease();
            }
            return;
        }
        if (!writing && inflight.size() < (isolated > 0 ? 1 : depth) && !queued.isEmpty()) {
            Exchange exchange = queued.pollFirst();
            exchange.pipelined = !inflight.isEmpty();
            exchange.generation = generation;
            inflight.addLast(exchange);
            mostInFlight = Math.max(mostInFlight, inflight.size());
            writing = true;
            write(endpoint, exchange, generation);
        }
    }

    /** The request went out: the next may follow before its answer comes. */
    private synchronized void written(long gen) {
        if (gen == generation) {
            writing = false;
            pump();
        }
    }

    private void write(AsyncClientEndpoint connection, Exchange exchange, long gen) {
        // the client's protocol step added these on an earlier write of the same request: a resend adds them anew
        exchange.request.removeHeaders(HttpHeaders.CONTENT_LENGTH);
        exchange.request.removeHeaders(HttpHeaders.TRANSFER_ENCODING);
        // written() runs on the client's I/O thread: a hop per request here serialised the writes on our event threads
        connection.execute(new WriteSignal(SimpleRequestProducer.create(exchange.request), exchange.request.getBody() != null,
                        () -> written(gen)), SimpleResponseConsumer.create(),
                new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        answered(exchange, gen, response); // frees its place at once; the caller hears on our threads
                    }

                    @Override
                    public void failed(Exception error) {
                        later(() -> broken(gen, error));
                    }

                    @Override
                    public void cancelled() {
                        later(() -> broken(gen, new CancellationException("POST cancelled")));
                    }
                });
        if (exchange.pipelined) {
            timer.schedule(() -> later(() -> checkStall(exchange, gen)), stallMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void lease() {
        leasing = true;
        long gen = generation;
        client.lease(route, new FutureCallback<AsyncClientEndpoint>() {
            @Override
            public void completed(AsyncClientEndpoint leased) {
                later(() -> leased(leased, gen));
            }

            @Override
            public void failed(Exception error) {
                later(() -> leaseFailed(gen, error));
            }

            @Override
            public void cancelled() {
                later(() -> leaseFailed(gen, new CancellationException("connection cancelled")));
            }
        });
    }

    private synchronized void leased(AsyncClientEndpoint leased, long gen) {
        leasing = false;
        if (closed || gen != generation) {
            leased.releaseAndDiscard();
            pump();
            return;
        }
        endpoint = leased;
        pump();
    }

    /** No connection: what waits fails, marked unanswered when it was written on a connection that died. */
    private synchronized void leaseFailed(long gen, Exception error) {
        leasing = false;
        if (closed || gen != generation) {
            pump();
            return;
        }
        List<Exchange> waiting = new ArrayList<>(queued);
        queued.clear();
        waiting.forEach(e -> e.result.completeExceptionally(new PipelineFailure("cannot connect to " + route + ": "
                + error, error, e.resent)));
    }

    private synchronized void answered(Exchange exchange, long gen, SimpleHttpResponse response) {
        if (exchange.generation != gen || !inflight.remove(exchange)) {
            return; // an answer on a connection already given up: the POST went again
        }
        if (isolated > 0) {
            isolated--;
        }
        later(() -> exchange.result.complete(response));
        answers++;
        Header keepAlive = response.getFirstHeader("Keep-Alive");
        if (keepAlive != null) {
            keepAliveHeader = keepAlive.getValue();
        }
        if (announcesClose(response)) {
            closesAnnounced++;
            closedByPeer();
        }
        pump();
    }

    private static boolean announcesClose(SimpleHttpResponse response) {
        Header connection = response.getFirstHeader(HttpHeaders.CONNECTION);
        return connection != null && Arrays.stream(connection.getValue().split(","))
                .anyMatch(token -> token.strip().equalsIgnoreCase("close"));
    }

    /**
     * The peer announced it closes the connection (a keep-alive limit: Payara's default is 250 requests, Apache
     * httpd's 100). It processes nothing written after that answer (RFC 9112, 9.6), so what is in flight goes
     * again, pipelined, on a new connection: not a failure, not counted, not one at a time.
     */
    private void closedByPeer() {
        List<Exchange> unanswered = giveUpConnection();
        for (int i = unanswered.size() - 1; i >= 0; i--) {
            queued.addFirst(unanswered.get(i));
        }
        if (!unanswered.isEmpty()) {
            LOG.fine(() -> route + " closed the connection as announced; " + unanswered.size()
                    + " POST(s) go again on a new one");
        }
    }

    /** The connection failed: everything unanswered goes again once, in order, on a new one. */
    private synchronized void broken(long gen, Exception error) {
        if (closed || gen != generation) {
            return;
        }
        List<Exchange> unanswered = giveUpConnection();
        int again = 0;
        for (int i = unanswered.size() - 1; i >= 0; i--) {
            Exchange e = unanswered.get(i);
            if (e.resent) {
                e.result.completeExceptionally(new PipelineFailure("connection to " + route
                        + " ended without an answer, twice: " + error, error, true));
            } else {
                e.resent = true;
                queued.addFirst(e);
                again++;
            }
        }
        isolated = again;
        LOG.fine(() -> "connection to " + route + " ended with " + unanswered.size() + " POST(s) unanswered: " + error);
        pump();
    }

    /**
     * The head's answer is overdue though the peer answered what came before: it does not pipeline. The listener
     * is told outside this pipeline's lock (it sets the other lanes of the peer stop-and-wait too).
     */
    private void checkStall(Exchange exchange, long gen) {
        synchronized (this) {
            if (closed || gen != generation || depth == 1 || inflight.peekFirst() != exchange) {
                return;
            }
            depth = 1;
            List<Exchange> unanswered = giveUpConnection();
            for (int i = unanswered.size() - 1; i >= 0; i--) {
                queued.addFirst(unanswered.get(i)); // the peer's fault, not the connection's: not counted as resent
            }
            pump();
        }
        onStall.accept("no answer to a pipelined POST within " + stallMillis + " ms after the POSTs before it were"
                + " answered");
    }

    /** Keep-alive, seen from here: answers, announced closes, connections given up (closed by the peer, died, or by us). */
    synchronized KeepAliveSeen keepAlive() {
        return new KeepAliveSeen(answers, closesAnnounced, generation, keepAliveHeader);
    }

    private List<Exchange> giveUpConnection() {
        generation++;
        writing = false;
        List<Exchange> unanswered = new ArrayList<>(inflight);
        inflight.clear();
        discardConnection();
        return unanswered;
    }

    private void discardConnection() {
        if (endpoint != null) {
            AsyncClientEndpoint old = endpoint;
            endpoint = null;
            old.releaseAndDiscard();
        }
    }

    /** Runs an event of the HTTP client's I/O thread on ours, in order of arrival. */
    private void later(Runnable event) {
        try {
            events.execute(event);
        } catch (RejectedExecutionException e) {
            event.run(); // stopping, or the event threads' queue is full: run it here rather than lose it
        }
    }

    /** One POST and its outcome. */
    private static final class Exchange {
        final SimpleHttpRequest request;
        final CompletableFuture<SimpleHttpResponse> result = new CompletableFuture<>();
        /** Written while an earlier POST was unanswered. */
        boolean pipelined;
        /** Already written once on a connection that died without answering it. */
        boolean resent;
        long generation;

        Exchange(SimpleHttpRequest request) {
            this.request = request;
        }
    }
}
