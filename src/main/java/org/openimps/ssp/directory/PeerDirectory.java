package org.openimps.ssp.directory;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.openimps.ssp.config.ConfigException;
import org.openimps.ssp.config.ConfigParser;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.config.TlsPolicy;
import org.openimps.ssp.runtime.Ssp;

/**
 * Which domains we federate with, under which policy, and where they are. Peers come from the deployment's
 * {@code peers}, then from {@code directoryFile} (re-read when it changes; a broken file keeps the last good
 * one), then, with {@code openFederation}, any well-formed domain with the {@code unlistedPeers} policy.
 * A peer without a URL is found by DNS SRV; once a handshake reached one of its endpoints, the peer is pinned
 * to that endpoint until its next handshake.
 */
@ApplicationScoped
public class PeerDirectory {
    private static final Logger LOG = Logger.getLogger(PeerDirectory.class.getName());
    /** Largest directory file read. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private SspConfig config;
    private SrvLookup srv;
    private Consumer<DirectoryChanged> changes;
    private ScheduledExecutorService scheduler;
    private final ConfigParser parser = new ConfigParser();
    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, PeerConfig> listed = Map.of();
    private final Map<String, URI> pinned = new ConcurrentHashMap<>();
    private volatile FileStamp fileStamp;
    private ScheduledFuture<?> watcher;

    protected PeerDirectory() {
        // for the CDI client proxy
    }

    @Inject
    public PeerDirectory(SspConfig config, DnsSrvLookup dns, Event<DirectoryChanged> changes,
                         @Ssp ScheduledExecutorService scheduler) {
        this(config, dns, changes::fire);
        this.scheduler = scheduler;
    }

    public PeerDirectory(SspConfig config, SrvLookup srv, Consumer<DirectoryChanged> changes) {
        this.config = config;
        this.srv = srv;
        this.changes = changes;
        this.listed = merge(List.of());
        reload(false);
    }

    @PostConstruct
    void watch() {
        if (scheduler != null && config.directoryPath().isPresent()) {
            long every = config.directoryReload().toMillis();
            watcher = scheduler.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (watcher != null) {
            watcher.cancel(false);
        }
    }

    /** The policy for a domain we may federate with; empty when it is denied, unknown, or not a domain name. */
    public Optional<PeerConfig> find(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        PeerConfig peer = listed.get(domain.toLowerCase(Locale.ROOT));
        if (peer == null && config.openFederation() && DOMAIN.matcher(domain).matches()) {
            peer = config.unlistedPeers().forDomain(domain);
        }
        return peer != null && peer.allowed() ? Optional.of(peer) : Optional.empty();
    }

    /** Every listed peer, allowed or denied, for status pages. */
    public List<PeerConfig> listed() {
        return List.copyOf(listed.values());
    }

    /**
     * Where a new handshake with the peer may go, best first: its URL, or for each SRV target in RFC 2782 order,
     * https and/or http as the peer's TLS policy says.
     */
    public List<URI> endpoints(PeerConfig peer) throws DiscoveryException {
        if (peer.hasUrl()) {
            return List.of(peer.uri());
        }
        List<SrvRecord> records = srv.lookup(peer.domain());
        if (records.isEmpty()) {
            throw new DiscoveryException("no SRV records for " + SrvLookup.SERVICE + peer.domain());
        }
        List<URI> out = new ArrayList<>();
        for (SrvRecord r : SrvOrder.order(new ArrayList<>(records), random)) {
            for (String scheme : schemes(peer.tls())) {
                out.add(uri(scheme, r, peer.path()));
            }
        }
        return out;
    }

    /**
     * Where a SendSecretToken to the peer may go, best first: the endpoint its last handshake reached (its
     * connection is likely still open), then the others of {@link #endpoints}. A node a redirect led to is not
     * one of them: it was given for that setup and its session only (spec 5.5), so a new handshake starts again
     * at the peer's own endpoints, where its balancer may send it elsewhere.
     */
    public List<URI> setupTargets(PeerConfig peer) throws DiscoveryException {
        List<URI> all = endpoints(peer);
        URI pin = pinned.get(peer.key());
        if (pin == null || !all.contains(pin)) {
            return all;
        }
        List<URI> out = new ArrayList<>(all.size() + 1);
        out.add(pin);
        all.stream().filter(u -> !u.equals(pin)).forEach(out::add);
        return out;
    }

    /** Where the peer's traffic goes now: the endpoint its last handshake reached, else its best endpoint. */
    public URI target(PeerConfig peer) throws DiscoveryException {
        URI pin = pinned.get(peer.key());
        return pin != null ? pin : endpoints(peer).get(0);
    }

    /** The endpoint the peer's last handshake reached, if any. */
    public Optional<URI> pinned(PeerConfig peer) {
        return Optional.ofNullable(pinned.get(peer.key()));
    }

    /** Records the endpoint a handshake reached; the session's traffic stays there. */
    public void pin(PeerConfig peer, URI reached) {
        if (pinned.size() >= config.maxSessions() && !pinned.containsKey(peer.key())) {
            pinned.keySet().stream().findAny().ifPresent(pinned::remove);
        }
        pinned.put(peer.key(), reached);
    }

    /** Re-reads the directory file if it changed since the last look. Runs on the scheduler. */
    public void reloadIfChanged() {
        reload(true);
    }

    private void reload(boolean announce) {
        Optional<Path> file = config.directoryPath();
        if (file.isEmpty()) {
            return;
        }
        FileStamp stamp = FileStamp.of(file.get());
        if (stamp.equals(fileStamp)) {
            return;
        }
        try {
            List<PeerConfig> filePeers = read(file.get());
            fileStamp = stamp;
            apply(merge(filePeers), announce);
            LOG.info(() -> "peer directory " + file.get() + " loaded: " + filePeers.size() + " peer(s)");
        } catch (ConfigException | IOException e) {
            fileStamp = stamp; // do not retry a broken file until it changes again
            LOG.warning(() -> "peer directory " + file.get() + " not loaded, keeping the " + listed.size()
                    + " peer(s) in use: " + e.getMessage());
        }
    }

    private List<PeerConfig> read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new ConfigException("larger than " + MAX_FILE_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parseDirectory(in, file.toString()).peers();
        }
    }

    private Map<String, PeerConfig> merge(List<PeerConfig> filePeers) {
        Map<String, PeerConfig> out = new LinkedHashMap<>();
        config.peers().forEach(p -> out.put(p.key(), p));
        filePeers.forEach(p -> out.put(p.key(), p));
        return Map.copyOf(out);
    }

    private void apply(Map<String, PeerConfig> next, boolean announce) {
        Map<String, PeerConfig> previous = listed;
        listed = next;
        Set<String> changed = new HashSet<>();
        for (String d : union(previous.keySet(), next.keySet())) {
            if (!Objects.equals(previous.get(d), next.get(d))) {
                changed.add(d);
            }
        }
        changed.forEach(pinned::remove);
        if (announce && !changed.isEmpty()) {
            LOG.info(() -> "peer directory changed for " + changed);
            changes.accept(new DirectoryChanged(changed));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static List<String> schemes(TlsPolicy tls) {
        return switch (tls) {
            case REQUIRED -> List.of("https");
            case PREFERRED -> List.of("https", "http");
            case OFF -> List.of("http");
        };
    }

    private static URI uri(String scheme, SrvRecord r, String path) throws DiscoveryException {
        try {
            return new URI(scheme, null, r.host(), r.port(), path, null, null);
        } catch (URISyntaxException e) {
            throw new DiscoveryException("SRV target " + r.host() + ":" + r.port() + " is not a usable host", e);
        }
    }

    /** What tells a changed file apart without reading it. */
    private record FileStamp(long modifiedMillis, long size, boolean exists) {
        static FileStamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(a.lastModifiedTime().toMillis(), a.size(), true);
            } catch (NoSuchFileException e) {
                return new FileStamp(0, 0, false);
            } catch (IOException e) {
                return new FileStamp(-1, -1, false);
            }
        }
    }
}
