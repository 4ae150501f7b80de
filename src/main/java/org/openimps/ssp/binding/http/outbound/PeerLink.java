package org.openimps.ssp.binding.http.outbound;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.openimps.ssp.config.PeerConfig;

/**
 * Our connections to one peer: {@code connectionPairs} lanes (spec 5.3) over one asynchronous HTTP client with
 * one I/O thread. A transaction's id picks its lane, so the messages we send for one transaction share a
 * connection and transactions spread evenly over the pairs. Each lane pipelines up to the peer's
 * {@code pipelineDepth}; a peer found not to take pipelining goes stop-and-wait on every lane, for good.
 */
final class PeerLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PeerLink.class.getName());

    /** {@link #inFlight} once retired: no POST may start, the link is closed. */
    private static final int RETIRED = -1;

    private final PeerConfig peer;
    private final MinimalHttpAsyncClient http;
    private final List<Lane> lanes;
    private volatile int depth;
    /** POSTs started and not finished on this link, or {@link #RETIRED}. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastUsedNanos = System.nanoTime();

    /**
     * @param stopAndWait      true when the peer is known not to take pipelining
     * @param refused          told (once) when this peer turns out not to take pipelining, with the reason
     * @throws GeneralSecurityException, IOException when the peer's trust or key store cannot be used
     */
    PeerLink(PeerConfig peer, DnsResolver dns, boolean stopAndWait, ExecutorService events,
             ScheduledExecutorService timer, Consumer<String> refused) throws GeneralSecurityException, IOException {
        this.peer = peer;
        this.depth = stopAndWait ? 1 : peer.pipelineDepth();
        PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(dns)
                .setTlsStrategy(TlsContexts.forPeer(peer))
                .setMaxConnPerRoute(peer.connectionPairs())
                .setMaxConnTotal(peer.connectionPairs() * PipelinedConnector.MAX_ROUTES)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(peer.connectTimeoutMillis()))
                        .setSocketTimeout(Timeout.ofMilliseconds(peer.readTimeoutMillis()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        this.http = HttpAsyncClients.createMinimal(H2Config.DEFAULT, Http1Config.DEFAULT,
                IOReactorConfig.custom().setIoThreadCount(1)
                        .setSoTimeout(Timeout.ofMilliseconds(peer.readTimeoutMillis())).build(), connections);
        http.start();
        Consumer<String> onStall = reason -> {
            if (depth > 1) {
                depth = 1;
                LOG.warning(() -> peer.domain() + " does not take pipelined POSTs (" + reason + "); stop-and-wait"
                        + " from now on, what was unanswered is sent again");
                refused.accept(reason);
            }
            lanesStopAndWait();
        };
        List<Lane> out = new ArrayList<>();
        for (int i = 0; i < peer.connectionPairs(); i++) {
            out.add(new Lane(route -> new Pipeline(http, route, depth, peer.pipelineStallMillis(), events, timer,
                    onStall), events));
        }
        this.lanes = List.copyOf(out);
    }

    PeerConfig peer() {
        return peer;
    }

    /** Keep-alive seen on this link's lanes so far. */
    KeepAliveSeen keepAlive() {
        return lanes.stream().map(Lane::keepAlive).reduce(KeepAliveSeen.NONE, KeepAliveSeen::plus);
    }

    Lane lane(String transactionId) {
        return lanes.get(Math.floorMod(transactionId.hashCode(), lanes.size()));
    }

    /** Counts a POST about to start on this link; false when the link was retired (take a new one). */
    boolean acquire() {
        lastUsedNanos = System.nanoTime();
        for (int n = inFlight.get(); n != RETIRED; n = inFlight.get()) {
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The POST {@link #acquire} counted has finished. */
    void release() {
        lastUsedNanos = System.nanoTime();
        inFlight.decrementAndGet();
    }

    /** Retires and closes the link if no POST is in flight on it; false (and nothing changes) otherwise. */
    boolean retireIfIdle() {
        if (!inFlight.compareAndSet(0, RETIRED)) {
            return false;
        }
        close();
        return true;
    }

    /** Nanoseconds (System.nanoTime) of the last POST started or finished. */
    long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** POSTs written at once on this peer's connections, at most: the depth they pipeline to. */
    int depth() {
        return depth;
    }

    private void lanesStopAndWait() {
        if (lanes != null) {
            lanes.forEach(Lane::stopAndWait);
        }
    }

    @Override
    public void close() {
        lanes.forEach(Lane::close);
        http.close(CloseMode.IMMEDIATE);
    }
}
