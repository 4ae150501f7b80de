package org.openimps.ssp.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All settings of one deployment (one local IMPS domain). JSON keys are the field names; every default is
 * the field's initial value, and {@link #validate()} is the only validation.
 */
public class SspConfig {
    /** Our IMPS domain, e.g. {@code alpha.example}. Required. */
    private String domain;
    /** Servlet path of the SSP endpoint inside the context. Default {@code /ssp}; {@code /} serves SSP at the context root. */
    private String path = "/ssp";
    /** Largest SSP body accepted, bytes (HTTP 413 beyond). Default 65536. */
    private int maxBodyBytes = 64 * 1024;
    /**
     * How long a peer may take to send a request body, milliseconds; a slower (slow-drip) body is answered 408
     * and its thread freed. Default 30000.
     */
    private int bodyTimeoutMillis = 30_000;
    /** Deepest XML element nesting accepted. Default 32. */
    private int maxXmlDepth = 32;
    /** Most XML elements in one message. Default 2000. */
    private int maxXmlElements = 2_000;
    /** Most transactions waiting for their response at once (new sends fail with 503 beyond). Default 100000. */
    private int maxPendingTransactions = 100_000;
    /** Most inbound messages accepted but not yet processed (HTTP 503 beyond). Default 2000. */
    private int maxQueuedInbound = 2_000;
    /**
     * Most host calls (ImpsHost, which may block) running at once, on threads of the container's managed thread
     * factory. A slow host call holds one of these, never the routing of other messages. Default 64.
     */
    private int hostThreads = 64;
    /**
     * How long an accepted outbound request is retried before it is given up, with a Status 410 to its
     * originator, seconds. Default 3600.
     */
    private int deliveryExpirySeconds = 3_600;
    /** Most outbound requests queued or in flight per peer (new sends get Status 503 beyond). Default 10000. */
    private int maxQueuedPerPeer = 10_000;
    /**
     * After this many POSTs of one request in a row whose connection died without an HTTP answer (a peer that
     * crashes on that message), the request is set aside (quarantined) so the rest of the peer's queue can go; an
     * operator retries or drops it in the admin API or console. Default 3.
     */
    private int quarantineAfterDrops = 3;
    /**
     * How long an inbound transaction id is remembered, so a peer's resend is answered with the stored result
     * instead of being handled twice, seconds. Keep it above the peers' delivery expiry. Default 7200.
     */
    private int dedupeWindowSeconds = 7_200;
    /** On undeploy or shutdown, how long accepted inbound work may take to finish, seconds. Default 10. */
    private int shutdownGraceSeconds = 10;
    /**
     * Threads that store outbound requests (one database write each) and POST them; sends beyond them wait in
     * a queue of {@code maxQueuedInbound}, then get Status 503. They bound the POSTs waiting for a peer's
     * connections. Default 16.
     */
    private int outboundThreads = 16;
    /**
     * Threads that route accepted inbound messages (session lookup, dedupe admission, hand-over to the host
     * threads); messages beyond them wait, up to {@code maxQueuedInbound} in all. Our own pool on the container's
     * managed thread factory: the default managed executor captured thread context per task, which on Payara
     * walked the class path (a ServiceLoader lookup) for every inbound POST. Default 16.
     */
    private int inboundThreads = 16;
    /** Most established sessions with all peers together. Default 1000. */
    private int maxSessions = 1_000;
    /**
     * A peer with nothing in flight for this long gives back its connections (and its place among the
     * {@code maxSessions} peers we hold connections to), seconds; a full table gives back the least recently used
     * idle one at once. Default 300.
     */
    private int peerIdleSeconds = 300;
    /** How long a sent request waits for its response, seconds. Default 30. */
    private int transactionTimeoutSeconds = 30;
    /** How long a half-finished session establishment lives, seconds. Default 60. */
    private int handshakeTimeoutSeconds = 60;
    /** The timeToLive we offer for a session, seconds. Default 3600. */
    private int sessionTimeToLiveSeconds = 3_600;
    /** How long a message that arrives before the handshake step it depends on may wait, milliseconds. Default 2000. */
    private int earlyMessageGraceMillis = 2_000;
    /**
     * Load balancing (spec 5.5): answer every inbound SendSecretToken with 307 to this node's SSP URL, where the
     * peer then establishes its session. Only the SendSecretToken is redirected, never a later POST. Default none.
     */
    private String redirectSetupTo;
    /**
     * Renew a session we requested this long before its timeToLive ends, so traffic never meets an expired
     * session, seconds. Default 300 (at most half the timeToLive is used).
     */
    private int sessionRenewBeforeSeconds = 300;
    /** The peers we federate with; inbound setup from other domains is refused unless {@link #openFederation}. */
    private List<PeerConfig> peers = new ArrayList<>();
    /** A JSON file of more peers ({@link DirectoryFile}), re-read when it changes. Default none. */
    private String directoryFile;
    /** How often the directory file is checked for changes, seconds. Default 10. */
    private int directoryReloadSeconds = 10;
    /**
     * Whether domains that are in no directory may federate, found by DNS SRV and given the
     * {@link #unlistedPeers} policy. Default false: only listed domains.
     */
    private boolean openFederation;
    /** The policy for unlisted domains when {@link #openFederation} is on (its domain and url are ignored). */
    private PeerConfig unlistedPeers = PeerConfig.defaults();
    /** DNS SRV discovery settings. */
    private DnsConfig dns = DnsConfig.defaults();
    /** The JSON bridge to a host in another deployment. Default off. */
    private BridgeConfig bridge = BridgeConfig.defaults();
    /** The bundled reference IMPS service. */
    private ReferenceServiceConfig reference = ReferenceServiceConfig.defaults();

    public String getDomain() {
        return domain;
    }

    public String getPath() {
        return path;
    }

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public int getBodyTimeoutMillis() {
        return bodyTimeoutMillis;
    }

    public int getMaxXmlDepth() {
        return maxXmlDepth;
    }

    public int getMaxXmlElements() {
        return maxXmlElements;
    }

    public int getMaxPendingTransactions() {
        return maxPendingTransactions;
    }

    public int getMaxQueuedInbound() {
        return maxQueuedInbound;
    }

    public int getHostThreads() {
        return hostThreads;
    }

    public Duration deliveryExpiry() {
        return Duration.ofSeconds(deliveryExpirySeconds);
    }

    public int getOutboundThreads() {
        return outboundThreads;
    }

    public int getInboundThreads() {
        return inboundThreads;
    }

    public int getMaxQueuedPerPeer() {
        return maxQueuedPerPeer;
    }

    public int getQuarantineAfterDrops() {
        return quarantineAfterDrops;
    }

    public Duration dedupeWindow() {
        return Duration.ofSeconds(dedupeWindowSeconds);
    }

    public Duration shutdownGrace() {
        return Duration.ofSeconds(shutdownGraceSeconds);
    }

    public int getMaxSessions() {
        return maxSessions;
    }

    public Duration peerIdle() {
        return Duration.ofSeconds(peerIdleSeconds);
    }

    public Duration transactionTimeout() {
        return Duration.ofSeconds(transactionTimeoutSeconds);
    }

    public Duration handshakeTimeout() {
        return Duration.ofSeconds(handshakeTimeoutSeconds);
    }

    public int getSessionTimeToLiveSeconds() {
        return sessionTimeToLiveSeconds;
    }

    public Duration earlyMessageGrace() {
        return Duration.ofMillis(earlyMessageGraceMillis);
    }

    public Optional<java.net.URI> redirectSetupTo() {
        return redirectSetupTo == null || redirectSetupTo.isBlank() ? Optional.empty()
                : Optional.of(java.net.URI.create(redirectSetupTo));
    }

    public List<PeerConfig> getPeers() {
        return List.copyOf(peers);
    }

    /** How long before a requested session's end it is renewed: the setting, at most half the timeToLive. */
    public Duration sessionRenewBefore() {
        return Duration.ofSeconds(Math.min(sessionRenewBeforeSeconds, sessionTimeToLiveSeconds / 2));
    }

    public Optional<java.nio.file.Path> directoryFile() {
        return directoryFile == null || directoryFile.isBlank() ? Optional.empty()
                : Optional.of(java.nio.file.Path.of(directoryFile));
    }

    public Duration directoryReload() {
        return Duration.ofSeconds(directoryReloadSeconds);
    }

    public boolean isOpenFederation() {
        return openFederation;
    }

    public PeerConfig getUnlistedPeers() {
        return unlistedPeers;
    }

    public DnsConfig getDns() {
        return dns;
    }

    public BridgeConfig getBridge() {
        return bridge;
    }

    public ReferenceServiceConfig getReference() {
        return reference;
    }

    /** Builder-style setters for tests and programmatic configuration. */
    public SspConfig withDomain(String value) {
        this.domain = value;
        return this;
    }

    public SspConfig withPeer(PeerConfig peer) {
        this.peers.add(peer);
        return this;
    }

    public SspConfig withSessionTimeToLiveSeconds(int value) {
        this.sessionTimeToLiveSeconds = value;
        return this;
    }

    public SspConfig withSessionRenewBeforeSeconds(int value) {
        this.sessionRenewBeforeSeconds = value;
        return this;
    }

    /** Every problem of this configuration, empty when it is usable. */
    public List<String> validate() {
        List<String> out = new ArrayList<>();
        if (domain == null || domain.isBlank()) {
            out.add("domain is required");
        }
        if (path == null || !path.startsWith("/")) {
            out.add("path must start with /");
        }
        requirePositive(out, "maxBodyBytes", maxBodyBytes);
        requirePositive(out, "bodyTimeoutMillis", bodyTimeoutMillis);
        requirePositive(out, "maxPendingTransactions", maxPendingTransactions);
        requirePositive(out, "maxQueuedInbound", maxQueuedInbound);
        requirePositive(out, "hostThreads", hostThreads);
        requirePositive(out, "maxSessions", maxSessions);
        requirePositive(out, "deliveryExpirySeconds", deliveryExpirySeconds);
        requirePositive(out, "maxQueuedPerPeer", maxQueuedPerPeer);
        requirePositive(out, "peerIdleSeconds", peerIdleSeconds);
        requirePositive(out, "quarantineAfterDrops", quarantineAfterDrops);
        requirePositive(out, "outboundThreads", outboundThreads);
        requirePositive(out, "inboundThreads", inboundThreads);
        requirePositive(out, "dedupeWindowSeconds", dedupeWindowSeconds);
        requirePositive(out, "shutdownGraceSeconds", shutdownGraceSeconds);
        requirePositive(out, "transactionTimeoutSeconds", transactionTimeoutSeconds);
        requirePositive(out, "handshakeTimeoutSeconds", handshakeTimeoutSeconds);
        requirePositive(out, "sessionTimeToLiveSeconds", sessionTimeToLiveSeconds);
        if (maxXmlDepth < 4 || maxXmlElements < 4) {
            out.add("maxXmlDepth and maxXmlElements must be at least 4");
        }
        if (redirectSetupTo != null && !redirectSetupTo.isBlank()) {
            try {
                java.net.URI u = java.net.URI.create(redirectSetupTo);
                if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                    out.add("redirectSetupTo must be an absolute http or https URL");
                }
            } catch (IllegalArgumentException e) {
                out.add("redirectSetupTo is not a URI: " + e.getMessage());
            }
        }
        requirePositive(out, "sessionRenewBeforeSeconds", sessionRenewBeforeSeconds);
        requirePositive(out, "directoryReloadSeconds", directoryReloadSeconds);
        for (int i = 0; i < peers.size(); i++) {
            out.addAll(peers.get(i).problems("peers[" + i + "]"));
        }
        if (unlistedPeers == null || dns == null || bridge == null) {
            out.add("unlistedPeers, dns and bridge cannot be null");
        } else {
            out.addAll(unlistedPeers.forDomain("unlisted").problems("unlistedPeers"));
            out.addAll(dns.problems());
            out.addAll(bridge.problems());
        }
        return out;
    }

    private static void requirePositive(List<String> out, String key, int value) {
        if (value < 1) {
            out.add(key + " must be positive, was " + value);
        }
    }
}
