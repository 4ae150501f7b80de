package org.openimps.ssp.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
import org.openimps.ssp.exchange.outbound.OutboundPipeline;
import org.openimps.ssp.exchange.inbound.InboundGate;
import org.openimps.ssp.exchange.outbound.QueueState;
import org.openimps.ssp.handler.WireForms;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.monitor.TransactionRecord;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.wire.WireForm;

/** The read-only operator's view of one deployment, as maps that JSON-B writes: what the admin API serves. */
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
    private final Map<String, String> build;

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

    public Map<String, Object> overview() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("domain", config.getDomain());
        out.put("build", build);
        out.put("peers", peers());
        out.put("sessions", sessions());
        out.put("pending", pending());
        out.put("inboundQueued", inbound.queued());
        out.put("recent", recent());
        return out;
    }

    public Map<String, String> build() {
        return build;
    }

    /** Every listed peer and every domain we have a session with (unlisted ones under open federation). */
    public List<Map<String, Object>> peers() {
        Map<String, Long> pendingByPeer = lowerCaseKeys(correlation.sizeByPeer());
        Map<String, QueueState> queues = new java.util.HashMap<>();
        queue.states().forEach(q -> queues.put(q.peerDomain().toLowerCase(Locale.ROOT), q));
        Set<String> domains = new TreeSet<>();
        directory.listed().forEach(p -> domains.add(p.key()));
        sessions.all().forEach(s -> domains.add(s.peerDomain().toLowerCase(Locale.ROOT)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (String domain : domains) {
            PeerConfig peer = directory.listed().stream().filter(p -> p.key().equals(domain)).findFirst()
                    .orElseGet(() -> directory.find(domain).orElse(new PeerConfig(domain, null).withAllowed(false)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("domain", domain);
            row.put("url", peer.hasUrl() ? peer.getUrl() : "DNS SRV");
            row.put("endpoint", directory.pinned(peer).map(Object::toString).orElse(null));
            row.put("allowed", peer.isAllowed());
            row.put("tls", peer.getTls().name());
            row.put("mutualTls", peer.isMutualTls());
            row.put("connectionPairs", peer.getConnectionPairs());
            Optional<String> refused = pipeliningRefused.apply(domain);
            row.put("pipelineDepth", refused.isPresent() ? 1 : peer.getPipelineDepth());
            row.put("pipeliningRefused", refused.orElse(null)); // why the peer went stop-and-wait, if it did
            WireForm form = wireForms.of(domain);
            row.put("wireForm", form == null ? null : form.name()); // how the peer writes primitives, once it sent one
            var health = monitor.health(domain);
            row.put("state", health.map(h -> h.status().name()).orElse("IDLE"));
            row.put("since", health.map(h -> h.since().toString()).orElse(null));
            row.put("lastError", health.map(h -> h.lastError()).orElse(null));
            row.put("lastErrorAt", health.map(h -> h.lastErrorAt() == null ? null : h.lastErrorAt().toString()).orElse(null));
            row.put("consecutiveFailures", health.map(h -> h.consecutiveFailures()).orElse(0L));
            QueueState q = queues.get(domain);
            row.put("queued", q == null ? 0 : q.outstanding());
            row.put("parked", q == null ? 0 : q.parked());
            row.put("quarantined", q == null ? 0 : q.quarantined());
            row.put("backoff", q == null || q.up() ? null : backoff(q));
            row.put("sessions", sessions.all().stream().filter(s -> s.peerDomain().equalsIgnoreCase(domain))
                    .map(s -> s.role().name()).toList());
            row.put("pending", pendingByPeer.getOrDefault(domain, 0L));
            out.add(row);
        }
        return out;
    }

    private static Map<String, Object> backoff(QueueState q) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("failures", q.failures());
        out.put("retryAt", q.retryAt() == null ? null : q.retryAt().toString());
        out.put("lastError", q.lastError());
        out.put("oldestExpiresAt", q.oldestExpiresAt() == null ? null : q.oldestExpiresAt().toString());
        return out;
    }

    /** A peer's quarantined, then parked, requests (at most {@link #MAX_LISTED}). */
    public List<Map<String, Object>> queue(String peer) {
        return queue.waiting(peer, MAX_LISTED).stream().map(w -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("transactionId", w.transactionId());
            row.put("primitive", w.primitive());
            row.put("state", w.quarantineReason() == null ? "QUEUED" : "QUARANTINED");
            row.put("reason", w.quarantineReason());
            row.put("attempts", w.attempts());
            row.put("lastError", w.lastError());
            row.put("expiresAt", w.expiresAt().toString());
            return row;
        }).toList();
    }

    /** An operator's retry of a quarantined request; false when the peer has no such request set aside. */
    public boolean retry(String peer, String transactionId, String operator) {
        return queue.retryQuarantined(peer, transactionId, operator);
    }

    /** An operator's drop of a waiting request; false when the peer has no such request waiting. */
    public boolean drop(String peer, String transactionId, String operator) {
        return queue.drop(peer, transactionId, operator);
    }

    public List<Map<String, Object>> sessions() {
        return sessions.all().stream().map(AdminView::session).toList();
    }

    public Map<String, Object> pending() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", correlation.size());
        out.put("max", config.getMaxPendingTransactions());
        out.put("byPeer", lowerCaseKeys(correlation.sizeByPeer()));
        return out;
    }

    public List<Map<String, Object>> recent() {
        return monitor.recentTransactions().stream().map(AdminView::transaction).toList();
    }

    private static Map<String, Object> session(PeerSession s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("peer", s.peerDomain());
        out.put("role", s.role().name());
        out.put("ourSessionId", s.ourSessionId());
        out.put("theirSessionId", s.theirSessionId());
        out.put("expiresAt", s.expiresAt().toString());
        return out;
    }

    private static Map<String, Object> transaction(TransactionRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transactionId", r.transactionId());
        out.put("peer", r.peer());
        out.put("direction", r.direction().name());
        out.put("primitive", r.primitive());
        out.put("started", r.started().toString());
        out.put("answer", r.answer());
        out.put("status", r.statusCode());
        out.put("answered", r.answered() == null ? null : r.answered().toString());
        out.put("latencyMillis", r.latencyMillis());
        return out;
    }

    private static Map<String, Long> lowerCaseKeys(Map<String, Long> in) {
        Map<String, Long> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.merge(k.toLowerCase(Locale.ROOT), v, Long::sum));
        return out;
    }

    private static Map<String, String> readBuild() {
        Properties p = new Properties();
        try (InputStream in = AdminView.class.getResourceAsStream("/META-INF/ssp-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the admin API then says "unknown"
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("version", p.getProperty("version", "unknown"));
        out.put("built", p.getProperty("built", "unknown"));
        out.put("java", System.getProperty("java.version"));
        return out;
    }
}
