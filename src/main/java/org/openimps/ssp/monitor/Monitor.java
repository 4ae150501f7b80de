package org.openimps.ssp.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.monitor.TransactionRecord.Direction;
import org.openimps.ssp.protocol.Reply;

/**
 * The one place the layers report what happened: transactions (both directions, by primitive and status),
 * peer POST outcomes, refused inbound requests. Keeps the recent-transaction ring and peer health for the
 * admin API and the meters for {@code /metrics}. Its own registry, not a global one: two deployments in one
 * server keep their numbers apart.
 */
@ApplicationScoped
public class Monitor {
    private PrometheusMeterRegistry registry;
    private TransactionLog recent;
    private PeerHealth health;
    private Clock clock;
    /** Peers with series of their own on the per-peer counters; the rest share {@link #OTHER_PEERS}. */
    static final int TAGGED_PEERS = 100;
    static final String OTHER_PEERS = "other";
    private final java.util.Set<String> taggedPeers = ConcurrentHashMap.newKeySet();
    /** What the function counters read, held strongly (one entry per counter registered at start). */
    private final List<Object> countedStates = new CopyOnWriteArrayList<>();
    /** Multi-series gauges that read their rows when scraped. */
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    protected Monitor() {
        // for the CDI client proxy
    }

    @Inject
    public Monitor(SspConfig config, Clock clock) {
        this.clock = clock;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.recent = new TransactionLog();
        this.health = new PeerHealth(config.maxSessions());
        registry.config().commonTags("domain", config.domain());
    }

    @PreDestroy
    void close() {
        registry.close();
    }

    /** A number the meters read when scraped (pending transactions, sessions, queue depth). */
    public void gauge(String name, String help, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(help).register(registry);
    }

    /** A gauge with one label of its own, e.g. {@code ssp_node{node="n1"} 1}. */
    public void gauge(String name, String help, String label, String labelValue, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(help).tag(label, labelValue).register(registry);
    }

    /**
     * A gauge with one series per key of what {@code values} returns when scraped, labelled {@code label}: series of
     * keys gone since the last scrape are dropped, so it holds no more series than the map it reads (which the
     * caller bounds).
     */
    public void gauges(String name, String help, String label, Supplier<Map<String, ? extends Number>> values) {
        MultiGauge gauge = MultiGauge.builder(name).description(help).register(registry);
        beforeScrape.add(() -> gauge.register(values.get().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of(label, e.getKey()), e.getValue())).toList(), true));
    }

    /**
     * A count kept elsewhere that only grows (commits, writes), read from {@code state} when scraped. Micrometer
     * holds {@code state} weakly, so the monitor keeps it: a meter never reads NaN because its state was collected.
     */
    public <T> void counter(String name, String help, T state, ToDoubleFunction<T> value) {
        countedStates.add(state);
        io.micrometer.core.instrument.FunctionCounter.builder(name, state, value).description(help).register(registry);
    }

    /** Records the start of an outbound attempt; returns its time in epoch milliseconds, for {@link #outboundFinished}. */
    public long outboundStarted(String peer, String txn, String primitive) {
        Instant now = clock.instant();
        recent.started(Direction.OUT, peer, txn, primitive, now);
        return now.toEpochMilli();
    }

    public void outboundFinished(String peer, String txn, String primitive, long startedMillis, Reply reply) {
        Instant now = clock.instant();
        Instant started = Instant.ofEpochMilli(startedMillis);
        int status = reply.status().getCode();
        recent.answered(Direction.OUT, peer, txn, answerName(reply), status, now);
        transactions(Direction.OUT, primitive, status).increment();
        Timer.builder("ssp_transaction_seconds").description("request to response of the transactions we sent")
                .tag("primitive", primitive).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(Duration.between(started, now));
    }

    public void inboundRequest(String peer, String txn, String primitive) {
        recent.started(Direction.IN, peer, txn, primitive, clock.instant());
    }

    public void inboundAnswered(String peer, String txn, String primitive, String answer, int status) {
        recent.answered(Direction.IN, peer, txn, answer, status, clock.instant());
        transactions(Direction.IN, primitive, status).increment();
    }

    public void postAccepted(String peer) {
        health.ok(peer, clock.instant());
    }

    public void postFailed(String peer, String reason) {
        health.failed(peer, reason, clock.instant());
        Counter.builder("ssp_post_failures_total").description("POSTs to peers that failed").register(registry).increment();
    }

    /** Another attempt at an outbound transaction (after a failed POST, handshake or response timeout). */
    public void retried(String peer) {
        Counter.builder("ssp_delivery_retries_total").description("outbound attempts after the first, by peer")
                .tag("peer", peerTag(peer)).register(registry).increment();
    }

    /** An outbound transaction given up (expired, or its peer removed): its originator got a Status. */
    public void deliveryExpired(String peer) {
        Counter.builder("ssp_delivery_given_up_total").description("outbound transactions given up, by peer")
                .tag("peer", peerTag(peer)).register(registry).increment();
    }

    /** An outbound request set aside: the peer dropped the connection on it time after time. */
    public void quarantined(String peer) {
        Counter.builder("ssp_delivery_quarantined_total").description("outbound requests set aside after repeated dropped connections, by peer")
                .tag("peer", peerTag(peer)).register(registry).increment();
    }

    /** An inbound transaction seen before: answered from the stored result, not handled twice. */
    public void duplicate(String peer) {
        Counter.builder("ssp_inbound_duplicates_total").description("inbound resends answered from the dedupe store")
                .tag("peer", peerTag(peer)).register(registry).increment();
    }

    /**
     * The peer's tag on the per-peer counters: its domain for the first {@link #TAGGED_PEERS} peers seen, then
     * {@code other}, so that an open federation with thousands of peers does not make thousands of series.
     */
    String peerTag(String peer) {
        String key = peer.toLowerCase(java.util.Locale.ROOT);
        if (taggedPeers.contains(key)) {
            return key;
        }
        synchronized (taggedPeers) {
            return taggedPeers.contains(key) || taggedPeers.size() < TAGGED_PEERS && taggedPeers.add(key) ? key
                    : OTHER_PEERS;
        }
    }

    /** An inbound HTTP request refused before it became an SSP message (400, 405, 408, 413, 415, 503). */
    public void refused(int httpStatus) {
        Counter.builder("ssp_inbound_refused_total").description("inbound requests refused, by HTTP status")
                .tag("http_status", Integer.toString(httpStatus)).register(registry).increment();
    }

    public List<TransactionRecord> recentTransactions() {
        return recent.newestFirst();
    }

    public Optional<PeerHealth.State> health(String peer) {
        return health.of(peer);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    private Counter transactions(Direction direction, String primitive, int status) {
        return Counter.builder("ssp_transactions_total").description("completed transactions by direction, primitive and SSP status")
                .tag("direction", direction.name().toLowerCase(java.util.Locale.ROOT)).tag("primitive", primitive)
                .tag("status", Integer.toString(status)).register(registry);
    }

    private static String answerName(Reply reply) {
        return reply instanceof Reply.Answered a ? org.openimps.ssp.wire.Primitives.nameOf(a.payload()) : "failed";
    }
}
