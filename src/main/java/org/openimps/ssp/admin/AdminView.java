package org.openimps.ssp.admin;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.correlation.CorrelationStore;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.exchange.inbound.InboundGate;
import org.openimps.ssp.exchange.outbound.OutboundPipeline;
import org.openimps.ssp.exchange.outbound.QueueState;
import org.openimps.ssp.handler.WireForms;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.monitor.PeerHealth;
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.store.StoreException;
import org.openimps.ssp.wire.WireForm;

/** The read-only operator's view of one deployment, as records that JSON-B writes: what the admin API serves. */
public final class AdminView {
    /** Requests listed per peer in {@link #queue}. */
    static final int MAX_LISTED = 200;
    private final SspConfig config;
    private final PeerDirectory directory;
    private final SessionRegistry sessions;
    private final CorrelationStore correlation;
    private final InboundGate inbound;
    private final OutboundPipeline queue;
    private final Monitor monitor;
    private final WireForms wireForms;
    private final Function<String, Optional<String>> pipeliningRefused;
    private final Build build;

    public AdminView(SspConfig config, PeerDirectory directory, SessionRegistry sessions, CorrelationStore correlation,
                     InboundGate inbound, OutboundPipeline queue, Monitor monitor, WireForms wireForms,
                     Function<String, Optional<String>> pipeliningRefused) {
        this.config = config;
        this.directory = directory;
        this.sessions = sessions;
        this.correlation = correlation;
        this.inbound = inbound;
        this.queue = queue;
        this.monitor = monitor;
        this.wireForms = wireForms;
        this.pipeliningRefused = pipeliningRefused;
        this.build = readBuild();
    }

    /** Everything at once: what the console shows. */
    public record Overview(String domain, String node, List<NodeRow> nodes, Build build, List<PeerRow> peers,
                           List<SessionRow> sessions, Pending pending, int inboundQueued, List<TransactionRow> recent) {
    }

    /**
     * One node of this domain on the shared database: its last lease renewal and whether the lease still holds
     * ({@code live}); {@code self} is the node answering.
     */
    public record NodeRow(String node, String url, Instant renewedAt, boolean live, boolean self) {
    }

    /** The module's version, when it was built, and the JVM it runs on. */
    public record Build(String version, String built, String java) {
    }

    /**
     * One peer: how we reach it, its health, its queue and sessions. {@code pipeliningRefused}: why it went
     * stop-and-wait, if it did; {@code wireForm}: how it writes primitives, once it sent one; {@code sessions}: this
     * node's sessions with it, by role; {@code sessionNodes}: the nodes of the domain that hold sessions with it (this
     * node as of now, the others as of their last lease renewal).
     */
    public record PeerRow(String domain, String url, String endpoint, boolean allowed, String tls, boolean mutualTls,
                          int connectionPairs, int pipelineDepth, String pipeliningRefused, String wireForm,
                          String state, Instant since, String lastError, Instant lastErrorAt, long consecutiveFailures,
                          long queued, int parked, int quarantined, Backoff backoff, List<String> sessions,
                          List<String> sessionNodes, long pending) {
    }

    /** A peer's deliveries waiting for a probe to get through. */
    public record Backoff(int failures, Instant retryAt, String lastError, Instant oldestExpiresAt) {
    }

    /** A request that waits: {@code state} QUARANTINED (with the reason) or QUEUED. */
    public record WaitingRow(String transactionId, String primitive, String state, String reason, int attempts,
                             String lastError, Instant expiresAt) {
    }

    public record SessionRow(String peer, String role, String ourSessionId, String theirSessionId, Instant expiresAt) {
    }

    public record Pending(int total, int max, Map<String, Long> byPeer) {
    }

    public record TransactionRow(String transactionId, String peer, String direction, String primitive, Instant started,
                                 String answer, Integer status, Instant answered, Long latencyMillis) {
    }

    public Overview overview() {
        Optional<OutboundPipeline.Cluster> cluster = cluster(); // read once: the console polls this every 2 s
        return new Overview(config.domain(), config.nodeId(), nodes(cluster), build, peers(cluster), sessions(),
                pending(), inbound.queued(), recent());
    }

    /** The domain's nodes and their sessions; empty when the node table cannot be read (the rest still shows). */
    private Optional<OutboundPipeline.Cluster> cluster() {
        try {
            return Optional.of(queue.cluster());
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    private List<NodeRow> nodes(Optional<OutboundPipeline.Cluster> cluster) {
        long now = System.currentTimeMillis();
        return cluster.map(c -> c.nodes().stream().map(n -> new NodeRow(n.nodeId(), n.url(),
                Instant.ofEpochMilli(n.renewedAtMillis()), n.holdsAt(now, config.lease()), n.nodeId().equals(c.self())))
                .toList()).orElse(List.of());
    }

    public Build build() {
        return build;
    }

    /** Every listed peer and every domain we have a session with (unlisted ones under open federation). */
    public List<PeerRow> peers() {
        return peers(cluster());
    }

    private List<PeerRow> peers(Optional<OutboundPipeline.Cluster> cluster) {
        Map<String, Long> pendingByPeer = lowerCaseKeys(correlation.sizeByPeer());
        Map<String, QueueState> queues = new HashMap<>();
        queue.states().forEach(q -> queues.put(q.peerDomain().toLowerCase(Locale.ROOT), q));
        Map<String, Set<String>> sessionNodes = sessionNodes(cluster);
        Set<String> domains = new TreeSet<>(sessionNodes.keySet());
        directory.listed().forEach(p -> domains.add(p.key()));
        List<PeerRow> out = new ArrayList<>();
        for (String domain : domains) {
            PeerConfig peer = directory.listed().stream().filter(p -> p.key().equals(domain)).findFirst()
                    .orElseGet(() -> directory.find(domain).orElse(new PeerConfig(domain, null).withAllowed(false)));
            Optional<String> refused = pipeliningRefused.apply(domain);
            WireForm form = wireForms.of(domain);
            Optional<PeerHealth.State> health = monitor.health(domain);
            QueueState q = queues.get(domain);
            out.add(new PeerRow(domain, peer.hasUrl() ? peer.url() : "DNS SRV",
                    directory.pinned(peer).map(Object::toString).orElse(null), peer.allowed(), peer.tls().name(),
                    peer.mutualTls(), peer.connectionPairs(), refused.isPresent() ? 1 : peer.pipelineDepth(),
                    refused.orElse(null), form == null ? null : form.name(),
                    health.map(h -> h.status().name()).orElse("IDLE"), health.map(PeerHealth.State::since).orElse(null),
                    health.map(PeerHealth.State::lastError).orElse(null),
                    health.map(PeerHealth.State::lastErrorAt).orElse(null),
                    health.map(PeerHealth.State::consecutiveFailures).orElse(0L),
                    q == null ? 0 : q.outstanding() + q.overflow(), q == null ? 0 : q.parked(), q == null ? 0 : q.quarantined(),
                    q == null || q.up() ? null : new Backoff(q.failures(), q.retryAt(), q.lastError(), q.oldestExpiresAt()),
                    sessions.all().stream().filter(s -> s.peerDomain().equalsIgnoreCase(domain)).map(s -> s.role().name())
                            .toList(),
                    List.copyOf(sessionNodes.getOrDefault(domain, Set.of())), pendingByPeer.getOrDefault(domain, 0L)));
        }
        return out;
    }

    /**
     * Peer domain to the nodes holding sessions with it: this node's from its registry, the other nodes' as they
     * published them (none when the node table cannot be read).
     */
    private Map<String, Set<String>> sessionNodes(Optional<OutboundPipeline.Cluster> cluster) {
        Map<String, Set<String>> out = new HashMap<>();
        cluster.ifPresent(c -> c.sessions().stream().filter(s -> !s.nodeId().equals(c.self())).forEach(s ->
                out.computeIfAbsent(s.peerDomain(), d -> new TreeSet<>()).add(s.nodeId())));
        sessions.countByPeer().keySet().forEach(d -> out.computeIfAbsent(d, x -> new TreeSet<>()).add(config.nodeId()));
        return out;
    }

    /** A peer's quarantined, then parked, requests (at most {@link #MAX_LISTED}). */
    public List<WaitingRow> queue(String peer) {
        return queue.waiting(peer, MAX_LISTED).stream().map(w -> new WaitingRow(w.transactionId(), w.primitive(),
                w.quarantineReason() == null ? "QUEUED" : "QUARANTINED", w.quarantineReason(), w.attempts(),
                w.lastError(), w.expiresAt())).toList();
    }

    /** An operator's retry of a quarantined request; false when the peer has no such request set aside. */
    public boolean retry(String peer, String transactionId, String operator) {
        return queue.retryQuarantined(peer, transactionId, operator);
    }

    /** An operator's drop of a waiting request; false when the peer has no such request waiting. */
    public boolean drop(String peer, String transactionId, String operator) {
        return queue.drop(peer, transactionId, operator);
    }

    public List<SessionRow> sessions() {
        return sessions.all().stream().map(s -> new SessionRow(s.peerDomain(), s.role().name(), s.ourSessionId(),
                s.theirSessionId(), s.expiresAt())).toList();
    }

    public Pending pending() {
        return new Pending(correlation.size(), config.maxPendingTransactions(), lowerCaseKeys(correlation.sizeByPeer()));
    }

    public List<TransactionRow> recent() {
        return monitor.recentTransactions().stream().map(r -> new TransactionRow(r.transactionId(), r.peer(),
                r.direction().name(), r.primitive(), r.started(), r.answer(), r.statusCode(), r.answered(),
                r.latencyMillis())).toList();
    }

    private static Map<String, Long> lowerCaseKeys(Map<String, Long> in) {
        Map<String, Long> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.merge(k.toLowerCase(Locale.ROOT), v, Long::sum));
        return out;
    }

    private static Build readBuild() {
        Properties p = new Properties();
        try (InputStream in = AdminView.class.getResourceAsStream("/META-INF/ssp-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the admin API then says "unknown"
        }
        return new Build(p.getProperty("version", "unknown"), p.getProperty("built", "unknown"),
                System.getProperty("java.version"));
    }
}
