package org.openimps.ssp.exchange.outbound;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.correlation.CorrelationStore;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.exchange.BoundedPools;
import org.openimps.ssp.exchange.StoredTransactions;
import org.openimps.ssp.exchange.Transmitter;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.session.Handshakes;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.store.DurableStore;
import org.openimps.ssp.store.NodeLeases;
import org.openimps.ssp.store.WriteBehind;
import org.openimps.ssp.wire.Primitives;
import org.openimps.ssp.wire.SspCodec;

/**
 * The outbound pipeline as a bean: wires the plain parts ({@link Intake}, {@link DeliveryEngine},
 * {@link OutboxRecovery}) to the container's store, sessions and threads, and is what the rest of the module calls.
 * A request is stored before its first POST and removed when the peer's response arrives; until then it is
 * retried with the same transaction id (the peer dedupes) until {@code deliveryExpirySeconds}.
 */
@ApplicationScoped
public class OutboundPipeline {
    private static final Logger LOG = Logger.getLogger(OutboundPipeline.class.getName());

    private SspConfig config;
    private Steps steps;
    private PeerLines lines;
    private DeliveryEngine engine;
    private Intake intake;
    private OutboxRecovery recovery;
    /** This node among the domain's nodes on the shared database; none in unit tests on an in-memory outbox. */
    private Optional<NodeMembership> membership = Optional.empty();
    private Optional<ScheduledExecutorService> leaseTimer = Optional.empty();
    private Clock clock;
    /** Order of responses, which have no outbox id: after every stored id (ids of one run stay below 2^62). */
    private final java.util.concurrent.atomic.AtomicLong responseOrder = new java.util.concurrent.atomic.AtomicLong(1L << 62);

    protected OutboundPipeline() {
        // for the CDI client proxy
    }

    @Inject
    public OutboundPipeline(SspConfig config, PeerDirectory directory, Handshakes handshakes, SessionRegistry registry,
                            CorrelationStore correlation, Transmitter transmitter, DurableStore store, WriteBehind writes,
                            NodeLeases leases, SspCodec codec, Monitor monitor, Clock clock,
                            @Ssp ScheduledExecutorService scheduler, @Ssp ThreadFactory threads) {
        this(config, directory, new RegistrySessions(handshakes, registry), correlation, transmitter,
                new DatabaseOutbox(store, writes, config.nodeId()), new StoredTransactions(codec), monitor, clock,
                // store and POST on their own bounded workers: a burst of sends waits in their queue, not on
                // thousands of executor threads (Payara's default executor grows without bound)
                new Steps(BoundedPools.of(config.outboundThreads(), config.maxQueuedInbound(), threads), scheduler));
        this.membership = Optional.of(new NodeMembership(config.domain(), config.nodeId(), config.nodeUrl(),
                config.lease(), leases, clock, recovery::recoverClaim, registry::countByPeer));
        monitor.gauge("ssp_node", "This node of the domain (label node: its nodeId)", "node", config.nodeId(), () -> 1);
        monitor.gauge("ssp_cluster_nodes_live", "Nodes of the domain whose lease held at the last renewal",
                () -> membership.map(NodeMembership::liveNodes).orElse(1));
        // its own thread: on the shared scheduler or the outbound workers a renewal waited behind blocking work
        // under load long enough for the other nodes to take this live node for dead (TwoNodesIT: after 2.9 s)
        this.leaseTimer = Optional.of(Executors.newSingleThreadScheduledExecutor(threads));
    }

    /** The pipeline on given parts: the bean's, or a unit test's (in-memory outbox and sessions, a loop-back transport). */
    OutboundPipeline(SspConfig config, PeerDirectory directory, SessionSource sessions, CorrelationStore correlation,
                     Transmitter transmitter, Outbox outbox, StoredTransactions stored, Monitor monitor, Clock clock,
                     Steps steps) {
        this.config = config;
        this.clock = clock;
        this.steps = steps;
        this.lines = new PeerLines(config.maxQueuedPerPeer());
        this.engine = new DeliveryEngine(directory, sessions, correlation, transmitter, outbox, monitor, clock, steps,
                lines, new DeliveryRules(config.quarantineAfterDrops()));
        this.intake = new Intake(config, sessions, transmitter, stored, outbox, clock, steps, lines, engine);
        this.recovery = new OutboxRecovery(config.domain(), outbox, directory, stored, lines, engine);
        engine.onRoom(recovery::refill);
        monitor.gauge("ssp_outbound_queued", "Outbound transactions accepted and not yet delivered",
                () -> lines.all().stream().mapToLong(l -> l.snapshot().outstanding() + l.snapshot().overflow()).sum());
        monitor.counter("ssp_store_outbox_commits_total", "Commits that stored outbound requests", intake.commits, LongAdder::sum);
        monitor.counter("ssp_store_outbox_writes_total", "Outbound requests those commits stored", intake.storedSends, LongAdder::sum);
        steps.repeat(() -> lines.evictIdle(clock.instant(), config.peerIdle()), config.peerIdle().toMillis() / 2);
        monitor.gauge("ssp_peers_backing_off", "Peers whose deliveries wait for a backoff",
                () -> lines.all().stream().filter(l -> !l.snapshot().up()).count());
    }

    /**
     * At start (once the configuration is loaded): this node renews its lease, what its previous run left in the
     * outbox goes out again, then it watches the other nodes' leases and takes over the rows of any that lapse.
     */
    public void start() {
        steps.execute(() -> {
            membership.ifPresent(NodeMembership::register);
            recovery.recover();
            membership.ifPresent(NodeMembership::adoptUnowned);
        });
        membership.ifPresent(m -> leaseTimer.orElseThrow().scheduleWithFixedDelay(m::tick, m.renewEvery().toMillis(),
                m.renewEvery().toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * This node's id, every node of the domain with its last lease renewal, and which node holds sessions with which
     * peer, for the operator.
     */
    public Cluster cluster() {
        return membership.map(m -> new Cluster(m.nodeId(), m.nodes(), m.sessions()))
                .orElse(new Cluster(config.nodeId(), List.of(), List.of()));
    }

    /** This node, the domain's nodes on the shared database, and the sessions each published. */
    public record Cluster(String self, List<NodeLeases.Lease> nodes, List<NodeLeases.PeerSessions> sessions) {
    }

    /**
     * Last step before the beans go (after inbound work drained): no new attempts, nothing stored is removed from
     * here on, and every send waiting or parked completes with 503 at once: a request stored stays for the next start.
     */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(3) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    void stop() {
        leaseTimer.ifPresent(ScheduledExecutorService::shutdownNow);
        steps.stop();
        intake.refuseWaiting();
        engine.stop();
    }

    /**
     * Accepts a request (or notification) from the host: stored, then sent, on the outbound workers; the stage
     * completes with the outcome, at once with 503 when a bound is reached or the module is stopping.
     */
    public void submit(PeerConfig peer, Object primitive, CompletableFuture<Reply> result) {
        intake.submit(peer, primitive, result);
    }

    /**
     * Sends our answer to a peer's request in the session it came in; delivered when the peer's HTTP 200 comes.
     * {@code body}: the answer already encoded for this session ({@link Transmitter#encode}), or null.
     */
    public void respond(PeerSession session, String transactionId, Object answer, byte[] body) {
        PeerLine line = steps.stopped() ? null : lines.reserveResponse(session.peerDomain()).orElse(null);
        if (line == null) {
            LOG.warning(() -> "response txn " + transactionId + " (" + Primitives.nameOf(answer) + ") to "
                    + session.peerDomain() + " not queued (" + (steps.stopped() ? "stopping" : "queue full")
                    + "); the peer's resend gets the stored answer");
            return;
        }
        Instant expires = min(session.expiresAt(), clock.instant().plus(config.deliveryExpiry()));
        engine.dispatch(line, new ResponseDelivery(responseOrder.incrementAndGet(), session, transactionId, answer, expires)
                .withBody(body, session));
    }

    /** Inbound traffic from the peer proves it is up: a backoff in progress ends now. */
    public void peerSeen(String peerDomain) {
        engine.peerSeen(peerDomain);
    }

    /** Each peer's queue, for the admin API. */
    public List<QueueState> states() {
        return lines.states();
    }

    /** The quarantined, then parked, requests of a peer, oldest first, for the operator. */
    public List<WaitingTransaction> waiting(String peerDomain, int limit) {
        return lines.find(peerDomain).map(line -> line.waiting(limit).stream().map(d -> new WaitingTransaction(
                d.transactionId, Primitives.nameOf(d.payload), d.attempts(), d.lastError(), d.expiresAt(),
                d instanceof RequestDelivery r ? r.quarantineReason() : null)).toList()).orElse(List.of());
    }

    /** An operator sends a quarantined request again, with a fresh count of drops; false when there is none. */
    public boolean retryQuarantined(String peerDomain, String transactionId, String operator) {
        return engine.retryQuarantined(peerDomain, transactionId, operator);
    }

    /** An operator gives up a quarantined or parked request: its originator gets Status 410; false when none. */
    public boolean drop(String peerDomain, String transactionId, String operator) {
        return engine.drop(peerDomain, transactionId, operator);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
