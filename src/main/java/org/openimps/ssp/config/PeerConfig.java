package org.openimps.ssp.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One peer domain and our policy towards it. JSON keys are the field names; every default is the field's
 * initial value. A peer without {@code url} is found by DNS SRV ({@code _imps-server._tcp.<domain>}).
 */
public class PeerConfig {
    /** Most connection pairs per peer (spec 5.3). */
    public static final int MAX_CONNECTION_PAIRS = 16;
    /** Most POSTs in flight on one connection. */
    public static final int MAX_PIPELINE_DEPTH = 1024;

    /** The peer's IMPS domain, e.g. {@code beta.example}. Required. */
    private String domain;
    /** The peer's SSP URL, e.g. {@code https://imps.beta.example/ssp}. Default none: discover by DNS SRV. */
    private String url;
    /** Path POSTed to on hosts found by DNS SRV. Default {@code /}, where deployed peers serve SSP. */
    private String path = "/";
    /** Whether this domain may federate with us at all, inbound or outbound. Default true. */
    private boolean allowed = true;
    /** HTTPS policy towards the peer. Default {@link TlsPolicy#PREFERRED}. */
    private TlsPolicy tls = TlsPolicy.PREFERRED;
    /** Form of the session ids we give this peer. Default {@link SessionIdStyle#STRICT}. */
    private SessionIdStyle sessionIdStyle = SessionIdStyle.STRICT;
    /** Form of the secret we send this peer. Default {@link SecretEncoding#HEX}. */
    private SecretEncoding secretEncoding = SecretEncoding.HEX;
    /**
     * TCP connections we open to this peer (spec 5.3: each is our half of a connection pair). Transactions are
     * spread over them by transaction id. Default 1, the spec's single pair.
     */
    private int connectionPairs = 1;
    /**
     * PKCS12 file of the certificates we trust for this peer's HTTPS endpoints. Default none: the JVM's
     * trusted CAs. Host names are always verified. {@code ${name}} in this and {@link #keyStore} is replaced by
     * the system property {@code name}.
     */
    private String trustStore;
    private String trustStorePassword;
    /** PKCS12 file with the client certificate we present to this peer (mutual TLS). Default none. */
    private String keyStore;
    private String keyStorePassword;
    /**
     * Whether this peer must present, with its first SendSecretToken, a client certificate whose subject
     * alternative name or common name is its domain. Needs the server's HTTPS listener to request client
     * certificates (deploy/). Default false.
     */
    private boolean mutualTls;
    /** TCP connect timeout towards this peer, milliseconds. Default 3000. */
    private int connectTimeoutMillis = 3_000;
    /** How long we wait for the peer's empty HTTP 200, milliseconds. Default 10000. */
    private int readTimeoutMillis = 10_000;
    /**
     * POSTs written on one connection before the peer's empty 200s come back (HTTP/1.1 pipelining, spec 5.1). A
     * pair then carries depth / RTT POSTs a second: 64 covers 1,000 transactions a second at 50 ms RTT with room,
     * and bounds what a connection holds (64 bodies of at most maxBodyBytes). 1 is stop-and-wait, for peers that
     * cannot take pipelining; such a peer is also detected and falls back to 1 by itself. Default 64.
     */
    private int pipelineDepth = 64;
    /**
     * How long the answer to a pipelined POST may be overdue, after the peer answered the POSTs written before
     * it, before we decide the peer does not pipeline, milliseconds. Default 2000.
     */
    private int pipelineStallMillis = 2_000;
    /** First retry delay after a failed delivery to this peer, milliseconds; doubles per failure. Default 1000. */
    private int retryMinMillis = 1_000;
    /** Cap of the retry delay, seconds: kept low so a short outage never defederates for long. Default 300. */
    private int retryMaxSeconds = 300;

    public PeerConfig() {
    }

    public PeerConfig(String domain, String url) {
        this.domain = domain;
        this.url = url;
    }

    /** The same policy for another domain: how an unlisted domain found by SRV gets the template's settings. */
    public PeerConfig forDomain(String otherDomain) {
        return copy(otherDomain, null);
    }

    /** Every setting, under another domain and URL: one place that names them all, so none is left behind. */
    private PeerConfig copy(String otherDomain, String otherUrl) {
        PeerConfig copy = new PeerConfig(otherDomain, otherUrl);
        copy.path = path;
        copy.allowed = allowed;
        copy.tls = tls;
        copy.sessionIdStyle = sessionIdStyle;
        copy.secretEncoding = secretEncoding;
        copy.connectionPairs = connectionPairs;
        copy.trustStore = trustStore;
        copy.trustStorePassword = trustStorePassword;
        copy.keyStore = keyStore;
        copy.keyStorePassword = keyStorePassword;
        copy.mutualTls = mutualTls;
        copy.connectTimeoutMillis = connectTimeoutMillis;
        copy.readTimeoutMillis = readTimeoutMillis;
        copy.pipelineDepth = pipelineDepth;
        copy.pipelineStallMillis = pipelineStallMillis;
        copy.retryMinMillis = retryMinMillis;
        copy.retryMaxSeconds = retryMaxSeconds;
        return copy;
    }

    public String getDomain() {
        return domain;
    }

    /** The domain as a lookup key: domains compare case-insensitively. */
    public String key() {
        return domain.toLowerCase(Locale.ROOT);
    }

    public String getUrl() {
        return url;
    }

    public boolean hasUrl() {
        return url != null && !url.isBlank();
    }

    public URI uri() {
        return URI.create(url);
    }

    public String getPath() {
        return path;
    }

    public boolean isAllowed() {
        return allowed;
    }

    public TlsPolicy getTls() {
        return tls;
    }

    public SessionIdStyle getSessionIdStyle() {
        return sessionIdStyle;
    }

    public SecretEncoding getSecretEncoding() {
        return secretEncoding;
    }

    public int getConnectionPairs() {
        return connectionPairs;
    }

    public Optional<Path> trustStore() {
        return file(trustStore);
    }

    public char[] trustStorePassword() {
        return trustStorePassword == null ? new char[0] : trustStorePassword.toCharArray();
    }

    public Optional<Path> keyStore() {
        return file(keyStore);
    }

    public char[] keyStorePassword() {
        return keyStorePassword == null ? new char[0] : keyStorePassword.toCharArray();
    }

    public boolean isMutualTls() {
        return mutualTls;
    }

    private static Optional<Path> file(String path) {
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(Expressions.expand(path)));
    }

    public int getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public java.time.Duration retryMin() {
        return java.time.Duration.ofMillis(retryMinMillis);
    }

    public java.time.Duration retryMax() {
        return java.time.Duration.ofSeconds(retryMaxSeconds);
    }

    public int getReadTimeoutMillis() {
        return readTimeoutMillis;
    }

    public int getPipelineDepth() {
        return pipelineDepth;
    }

    public int getPipelineStallMillis() {
        return pipelineStallMillis;
    }

    /** This configuration with another secret encoding; this one is not changed (a loaded configuration is shared). */
    public PeerConfig withSecretEncoding(SecretEncoding value) {
        PeerConfig changed = copy(domain, url);
        changed.secretEncoding = value;
        return changed;
    }

    /** This configuration, allowed or denied; this one is not changed. */
    public PeerConfig withAllowed(boolean value) {
        PeerConfig changed = copy(domain, url);
        changed.allowed = value;
        return changed;
    }

    List<String> problems(String where) {
        List<String> out = new ArrayList<>();
        if (domain == null || domain.isBlank()) {
            out.add(where + ".domain is required");
        }
        if (hasUrl()) {
            try {
                URI u = URI.create(url);
                if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                    out.add(where + ".url must be an absolute http or https URL");
                } else if (tls == TlsPolicy.REQUIRED && "http".equals(u.getScheme())) {
                    out.add(where + ".url is http but tls is REQUIRED");
                } else if (tls == TlsPolicy.OFF && "https".equals(u.getScheme())) {
                    out.add(where + ".url is https but tls is OFF");
                }
            } catch (IllegalArgumentException e) {
                out.add(where + ".url is not a URI: " + e.getMessage());
            }
        }
        if (path == null || !path.startsWith("/")) {
            out.add(where + ".path must start with /");
        }
        if (tls == null || sessionIdStyle == null || secretEncoding == null) {
            out.add(where + ": tls, sessionIdStyle and secretEncoding cannot be null");
        }
        if (connectionPairs < 1 || connectionPairs > MAX_CONNECTION_PAIRS) {
            out.add(where + ".connectionPairs must be 1.." + MAX_CONNECTION_PAIRS);
        }
        if (pipelineDepth < 1 || pipelineDepth > MAX_PIPELINE_DEPTH) {
            out.add(where + ".pipelineDepth must be 1.." + MAX_PIPELINE_DEPTH);
        }
        if (connectTimeoutMillis < 1 || readTimeoutMillis < 1 || pipelineStallMillis < 1) {
            out.add(where + " timeouts must be positive");
        }
        if (retryMinMillis < 1 || retryMaxSeconds < 1 || retryMinMillis > retryMaxSeconds * 1000L) {
            out.add(where + ": retryMinMillis and retryMaxSeconds must be positive, the minimum below the maximum");
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerConfig p && Objects.equals(domain, p.domain) && Objects.equals(url, p.url)
                && Objects.equals(path, p.path) && allowed == p.allowed && tls == p.tls
                && sessionIdStyle == p.sessionIdStyle && secretEncoding == p.secretEncoding
                && connectionPairs == p.connectionPairs && connectTimeoutMillis == p.connectTimeoutMillis
                && readTimeoutMillis == p.readTimeoutMillis && mutualTls == p.mutualTls
                && retryMinMillis == p.retryMinMillis && retryMaxSeconds == p.retryMaxSeconds
                && pipelineDepth == p.pipelineDepth && pipelineStallMillis == p.pipelineStallMillis
                && Objects.equals(trustStore, p.trustStore) && Objects.equals(trustStorePassword, p.trustStorePassword)
                && Objects.equals(keyStore, p.keyStore) && Objects.equals(keyStorePassword, p.keyStorePassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, url, path, allowed, tls, connectionPairs);
    }

    @Override
    public String toString() {
        return domain + (hasUrl() ? " at " + url : " (DNS SRV)") + (allowed ? "" : ", denied");
    }
}
