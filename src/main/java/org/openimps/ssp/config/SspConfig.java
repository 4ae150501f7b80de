package org.openimps.ssp.config;

import jakarta.json.bind.annotation.JsonbCreator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All settings of one deployment (one local IMPS domain). Immutable; JSON keys are the component names, a key
 * left out takes the default given here, and {@link #validate()} is the only validation.
 *
 * @param domain                    our IMPS domain, e.g. {@code alpha.example}. Required.
 * @param path                      servlet path of the SSP endpoint inside the context; {@code /} serves SSP at
 *                                  the context root. Default {@code /ssp}.
 * @param maxBodyBytes              largest SSP body accepted, bytes (HTTP 413 beyond). Default 65536.
 * @param bodyTimeoutMillis         how long a peer may take to send a request body; a slower (slow-drip) body is
 *                                  answered 408 and its thread freed. Default 30000.
 * @param maxXmlDepth               deepest XML element nesting accepted. Default 32.
 * @param maxXmlElements            most XML elements in one message. Default 2000.
 * @param maxPendingTransactions    most transactions waiting for their response at once (new sends fail with 503
 *                                  beyond). Default 100000.
 * @param maxQueuedInbound          most inbound messages accepted but not yet processed (HTTP 503 beyond).
 *                                  Default 2000.
 * @param hostThreads               most host calls (ImpsHost, which may block) running at once, on threads of the
 *                                  container's managed thread factory. A slow host call holds one of these, never
 *                                  the routing of other messages. Default 64.
 * @param deliveryExpirySeconds     how long an accepted outbound request is retried before it is given up, with a
 *                                  Status 410 to its originator. Default 3600.
 * @param maxQueuedPerPeer          most outbound requests per peer held in memory, queued or in flight. Beyond
 *                                  it (a peer down for long), new sends wait in the outbox table only: their stage
 *                                  completes at once with Status 202 (Accepted), and they are read back in order,
 *                                  a page at a time, as the peer's queue drains. Default 10000.
 * @param maxStoredPerPeer          most outbound requests per peer in the outbox table, in memory or not (new sends
 *                                  get Status 503 beyond): an hour's outage at 300 sends a second is about a
 *                                  million. Default 2000000.
 * @param quarantineAfterDrops      after this many POSTs of one request in a row whose connection died without an
 *                                  HTTP answer (a peer that crashes on that message), the request is set aside
 *                                  (quarantined) so the rest of the peer's queue can go; an operator retries or
 *                                  drops it in the admin API or console. Default 3.
 * @param dedupeWindowSeconds       how long an inbound transaction id is remembered, so a peer's resend is answered
 *                                  with the stored result instead of being handled twice. Keep it above the peers'
 *                                  delivery expiry. Default 7200.
 * @param shutdownGraceSeconds      on undeploy or shutdown, how long accepted inbound work may take to finish.
 *                                  Default 10.
 * @param outboundThreads           threads that store outbound requests (one database write each) and POST them;
 *                                  sends beyond them wait in a queue of {@code maxQueuedInbound}, then get Status
 *                                  503. They bound the POSTs waiting for a peer's connections. Default 16.
 * @param inboundThreads            threads that route accepted inbound messages (session lookup, dedupe admission,
 *                                  hand-over to the host threads); messages beyond them wait, up to
 *                                  {@code maxQueuedInbound} in all. Our own pool on the container's managed thread
 *                                  factory: the default managed executor captured thread context per task, which on
 *                                  Payara walked the class path for every inbound POST. Default 16.
 * @param maxSessions               most established sessions with all peers together. Default 1000.
 * @param peerIdleSeconds           a peer with nothing in flight for this long gives back its connections (and its
 *                                  place among the {@code maxSessions} peers we hold connections to); a full table
 *                                  gives back the least recently used idle one at once. Default 300.
 * @param transactionTimeoutSeconds how long a sent request waits for its response. Default 30.
 * @param handshakeTimeoutSeconds   how long a half-finished session establishment lives. Default 60.
 * @param sessionTimeToLiveSeconds  the timeToLive we offer for a session. Default 3600.
 * @param earlyMessageGraceMillis   how long a message that arrives before the handshake step it depends on may
 *                                  wait. Default 2000.
 * @param redirectSetupTo           load balancing (spec 5.5): answer every inbound SendSecretToken with 307 to this
 *                                  node's SSP URL, where the peer then establishes its session. Only the
 *                                  SendSecretToken is redirected, never a later POST. Default none.
 * @param sessionRenewBeforeSeconds renew a session we requested this long before its timeToLive ends, so traffic
 *                                  never meets an expired session (at most half the timeToLive is used).
 *                                  Default 300.
 * @param peers                     the peers we federate with; inbound setup from other domains is refused unless
 *                                  {@code openFederation}. Default none.
 * @param directoryFile             a JSON file of more peers ({@link DirectoryFile}), re-read when it changes.
 *                                  Default none.
 * @param directoryReloadSeconds    how often the directory file is checked for changes. Default 10.
 * @param openFederation            whether domains that are in no directory may federate, found by DNS SRV and
 *                                  given the {@code unlistedPeers} policy. Default false: only listed domains.
 * @param unlistedPeers             the policy for unlisted domains when {@code openFederation} is on (its domain
 *                                  and url are ignored). Default {@link PeerConfig#defaults()}.
 * @param dns                       DNS SRV discovery settings.
 * @param bridge                    the JSON bridge to a host in another deployment. Default off.
 * @param reference                 the bundled reference IMPS service.
 * @param nodeId                    this node's name among the nodes of the domain that share its database; each
 *                                  node needs its own, the same across its restarts. Default the host name.
 * @param nodeUrl                   this node's own SSP URL, as peers reach it past the load balancer. A peer's
 *                                  SendSecretToken that came in under another address (the balancer's) is
 *                                  redirected here, so the peer pins its session to this node (spec 5.5); the
 *                                  peer's answer to another node's M1 is redirected to that node. Default none.
 * @param leaseSeconds              how long a node's lease lasts without renewal (renewed every third of it); when
 *                                  it ran out, a live node of the domain takes over what the node had queued.
 *                                  Default 30.
 */
public record SspConfig(String domain, String path, Integer maxBodyBytes, Integer bodyTimeoutMillis,
                        Integer maxXmlDepth, Integer maxXmlElements, Integer maxPendingTransactions,
                        Integer maxQueuedInbound, Integer hostThreads, Integer deliveryExpirySeconds,
                        Integer maxQueuedPerPeer, Integer quarantineAfterDrops, Integer dedupeWindowSeconds,
                        Integer shutdownGraceSeconds, Integer outboundThreads, Integer inboundThreads,
                        Integer maxSessions, Integer peerIdleSeconds, Integer transactionTimeoutSeconds,
                        Integer handshakeTimeoutSeconds, Integer sessionTimeToLiveSeconds,
                        Integer earlyMessageGraceMillis, String redirectSetupTo, Integer sessionRenewBeforeSeconds,
                        List<PeerConfig> peers, String directoryFile, Integer directoryReloadSeconds,
                        Boolean openFederation, PeerConfig unlistedPeers, DnsConfig dns, BridgeConfig bridge,
                        ReferenceServiceConfig reference, String nodeId, String nodeUrl, Integer leaseSeconds,
                        Integer maxStoredPerPeer) {

    @JsonbCreator
    public SspConfig {
        path = path == null ? "/ssp" : path;
        maxBodyBytes = or(maxBodyBytes, 64 * 1024);
        bodyTimeoutMillis = or(bodyTimeoutMillis, 30_000);
        maxXmlDepth = or(maxXmlDepth, 32);
        maxXmlElements = or(maxXmlElements, 2_000);
        maxPendingTransactions = or(maxPendingTransactions, 100_000);
        maxQueuedInbound = or(maxQueuedInbound, 2_000);
        hostThreads = or(hostThreads, 64);
        deliveryExpirySeconds = or(deliveryExpirySeconds, 3_600);
        maxQueuedPerPeer = or(maxQueuedPerPeer, 10_000);
        quarantineAfterDrops = or(quarantineAfterDrops, 3);
        dedupeWindowSeconds = or(dedupeWindowSeconds, 7_200);
        shutdownGraceSeconds = or(shutdownGraceSeconds, 10);
        outboundThreads = or(outboundThreads, 16);
        inboundThreads = or(inboundThreads, 16);
        maxSessions = or(maxSessions, 1_000);
        peerIdleSeconds = or(peerIdleSeconds, 300);
        transactionTimeoutSeconds = or(transactionTimeoutSeconds, 30);
        handshakeTimeoutSeconds = or(handshakeTimeoutSeconds, 60);
        sessionTimeToLiveSeconds = or(sessionTimeToLiveSeconds, 3_600);
        earlyMessageGraceMillis = or(earlyMessageGraceMillis, 2_000);
        redirectSetupTo = redirectSetupTo == null || redirectSetupTo.isBlank() ? null : redirectSetupTo;
        sessionRenewBeforeSeconds = or(sessionRenewBeforeSeconds, 300);
        peers = peers == null ? List.of() : List.copyOf(peers);
        directoryFile = directoryFile == null || directoryFile.isBlank() ? null : directoryFile;
        directoryReloadSeconds = or(directoryReloadSeconds, 10);
        openFederation = openFederation != null && openFederation;
        unlistedPeers = unlistedPeers == null ? PeerConfig.defaults() : unlistedPeers;
        dns = dns == null ? DnsConfig.defaults() : dns;
        bridge = bridge == null ? BridgeConfig.defaults() : bridge;
        reference = reference == null ? ReferenceServiceConfig.defaults() : reference;
        nodeId = nodeId == null || nodeId.isBlank() ? hostName() : nodeId;
        nodeUrl = nodeUrl == null || nodeUrl.isBlank() ? null : nodeUrl;
        leaseSeconds = or(leaseSeconds, 30);
        maxStoredPerPeer = or(maxStoredPerPeer, 2_000_000);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "node";
        }
    }

    private static Integer or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    /** Every default, for {@code domain} with these {@code peers}: what a file naming only those two keys gives. */
    public static SspConfig of(String domain, PeerConfig... peers) {
        return new SspConfig(domain, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, List.of(peers), null, null, null, null,
                null, null, null, null, null, null, null);
    }

    public Duration deliveryExpiry() {
        return Duration.ofSeconds(deliveryExpirySeconds);
    }

    public Duration dedupeWindow() {
        return Duration.ofSeconds(dedupeWindowSeconds);
    }

    public Duration shutdownGrace() {
        return Duration.ofSeconds(shutdownGraceSeconds);
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

    public Duration earlyMessageGrace() {
        return Duration.ofMillis(earlyMessageGraceMillis);
    }

    /** The {@link #redirectSetupTo} URL, when one is set. */
    public Optional<URI> setupRedirect() {
        return Optional.ofNullable(redirectSetupTo).map(URI::create);
    }

    /** How long before a requested session's end it is renewed: the setting, at most half the timeToLive. */
    public Duration sessionRenewBefore() {
        return Duration.ofSeconds(Math.min(sessionRenewBeforeSeconds, sessionTimeToLiveSeconds / 2));
    }

    /** The {@link #directoryFile}, when one is set. */
    public Optional<Path> directoryPath() {
        return Optional.ofNullable(directoryFile).map(Path::of);
    }

    public Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }

    public Duration directoryReload() {
        return Duration.ofSeconds(directoryReloadSeconds);
    }

    /** Every problem of this configuration, empty when it is usable. */
    public List<String> validate() {
        List<String> out = new ArrayList<>();
        if (domain == null || domain.isBlank()) {
            out.add("domain is required");
        }
        if (!path.startsWith("/")) {
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
        if (maxStoredPerPeer < maxQueuedPerPeer) {
            out.add("maxStoredPerPeer must be at least maxQueuedPerPeer, was " + maxStoredPerPeer);
        }
        requirePositive(out, "peerIdleSeconds", peerIdleSeconds);
        requirePositive(out, "quarantineAfterDrops", quarantineAfterDrops);
        requirePositive(out, "outboundThreads", outboundThreads);
        requirePositive(out, "inboundThreads", inboundThreads);
        requirePositive(out, "dedupeWindowSeconds", dedupeWindowSeconds);
        requirePositive(out, "shutdownGraceSeconds", shutdownGraceSeconds);
        requirePositive(out, "transactionTimeoutSeconds", transactionTimeoutSeconds);
        requirePositive(out, "handshakeTimeoutSeconds", handshakeTimeoutSeconds);
        requirePositive(out, "sessionTimeToLiveSeconds", sessionTimeToLiveSeconds);
        requirePositive(out, "sessionRenewBeforeSeconds", sessionRenewBeforeSeconds);
        requirePositive(out, "directoryReloadSeconds", directoryReloadSeconds);
        if (leaseSeconds < 3) {
            out.add("leaseSeconds must be at least 3 (it is renewed every third), was " + leaseSeconds);
        }
        if (nodeId.length() > 255) {
            out.add("nodeId is longer than 255 characters");
        }
        if (maxXmlDepth < 4 || maxXmlElements < 4) {
            out.add("maxXmlDepth and maxXmlElements must be at least 4");
        }
        requireHttpUrl(out, "redirectSetupTo", redirectSetupTo);
        requireHttpUrl(out, "nodeUrl", nodeUrl);
        for (int i = 0; i < peers.size(); i++) {
            out.addAll(peers.get(i).problems("peers[" + i + "]"));
        }
        out.addAll(unlistedPeers.forDomain("unlisted").problems("unlistedPeers"));
        out.addAll(dns.problems());
        out.addAll(bridge.problems());
        return out;
    }

    private static void requireHttpUrl(List<String> out, String key, String value) {
        if (value == null) {
            return;
        }
        try {
            URI u = URI.create(value);
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                out.add(key + " must be an absolute http or https URL");
            }
        } catch (IllegalArgumentException e) {
            out.add(key + " is not a URI: " + e.getMessage());
        }
    }

    private static void requirePositive(List<String> out, String key, int value) {
        if (value < 1) {
            out.add(key + " must be positive, was " + value);
        }
    }
}
