package org.openimps.ssp.config;

import jakarta.json.bind.annotation.JsonbCreator;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One peer domain and our policy towards it: immutable, bound from JSON by Yasson through its canonical
 * constructor (JSON keys are the component names), which puts each default in place of a key left out. A peer
 * without {@code url} is found by DNS SRV ({@code _imps-server._tcp.<domain>}).
 *
 * @param domain              the peer's IMPS domain, e.g. {@code beta.example}. Required.
 * @param url                 the peer's SSP URL, e.g. {@code https://imps.beta.example/ssp}. Default none: discover
 *                            by DNS SRV.
 * @param path                path POSTed to on hosts found by DNS SRV. Default {@code /}, where deployed peers
 *                            serve SSP.
 * @param allowed             whether this domain may federate with us at all, inbound or outbound. Default true.
 * @param tls                 HTTPS policy towards the peer. Default {@link TlsPolicy#PREFERRED}.
 * @param sessionIdStyle      form of the session ids we give this peer. Default {@link SessionIdStyle#STRICT}.
 * @param secretEncoding      form of the secret we send this peer. Default {@link SecretEncoding#HEX}.
 * @param connectionPairs     TCP connections we open to this peer (spec 5.3: each is our half of a connection
 *                            pair); transactions are spread over them by transaction id. Default 1.
 * @param trustStore          PKCS12 file of the certificates we trust for this peer's HTTPS endpoints. Default
 *                            none: the JVM's trusted CAs. Host names are always verified. {@code ${name}} here and
 *                            in {@code keyStore} is replaced by the system property {@code name}.
 * @param trustStorePassword  its password
 * @param keyStore            PKCS12 file with the client certificate we present to this peer (mutual TLS).
 * @param keyStorePassword    its password
 * @param mutualTls           whether this peer must present, with its first SendSecretToken, a client certificate
 *                            whose subject alternative name or common name is its domain (needs the server's
 *                            HTTPS listener to request client certificates, deploy/). Default false.
 * @param connectTimeoutMillis TCP connect timeout towards this peer. Default 3000.
 * @param readTimeoutMillis   how long we wait for the peer's empty HTTP 200. Default 10000.
 * @param pipelineDepth       POSTs written on one connection before the peer's empty 200s come back (HTTP/1.1
 *                            pipelining, spec 5.1). A pair then carries depth / RTT POSTs a second: 64 covers 1,000
 *                            transactions a second at 50 ms RTT with room, and bounds what a connection holds (64
 *                            bodies of at most maxBodyBytes). 1 is stop-and-wait, for peers that cannot take
 *                            pipelining; such a peer is also detected and falls back to 1 by itself. Default 64.
 * @param pipelineStallMillis how long the answer to a pipelined POST may be overdue, after the peer answered the
 *                            POSTs written before it, before we decide the peer does not pipeline. Default 2000.
 * @param retryMinMillis      first retry delay after a failed delivery to this peer; doubles per failure.
 *                            Default 1000.
 * @param retryMaxSeconds     cap of the retry delay: kept low so a short outage never defederates for long.
 *                            Default 300.
 */
public record PeerConfig(String domain, String url, String path, Boolean allowed, TlsPolicy tls,
                         SessionIdStyle sessionIdStyle, SecretEncoding secretEncoding, Integer connectionPairs,
                         String trustStore, String trustStorePassword, String keyStore, String keyStorePassword,
                         Boolean mutualTls, Integer connectTimeoutMillis, Integer readTimeoutMillis,
                         Integer pipelineDepth, Integer pipelineStallMillis, Integer retryMinMillis,
                         Integer retryMaxSeconds) {
    /** Most connection pairs per peer (spec 5.3). */
    public static final int MAX_CONNECTION_PAIRS = 16;
    /** Most POSTs in flight on one connection. */
    public static final int MAX_PIPELINE_DEPTH = 1024;

    @JsonbCreator
    public PeerConfig {
        path = path == null ? "/" : path;
        allowed = allowed == null || allowed;
        tls = tls == null ? TlsPolicy.PREFERRED : tls;
        sessionIdStyle = sessionIdStyle == null ? SessionIdStyle.STRICT : sessionIdStyle;
        secretEncoding = secretEncoding == null ? SecretEncoding.HEX : secretEncoding;
        connectionPairs = connectionPairs == null ? 1 : connectionPairs;
        mutualTls = mutualTls != null && mutualTls;
        connectTimeoutMillis = connectTimeoutMillis == null ? 3_000 : connectTimeoutMillis;
        readTimeoutMillis = readTimeoutMillis == null ? 10_000 : readTimeoutMillis;
        pipelineDepth = pipelineDepth == null ? 64 : pipelineDepth;
        pipelineStallMillis = pipelineStallMillis == null ? 2_000 : pipelineStallMillis;
        retryMinMillis = retryMinMillis == null ? 1_000 : retryMinMillis;
        retryMaxSeconds = retryMaxSeconds == null ? 300 : retryMaxSeconds;
    }

    /** A peer with every default: by URL, or found by DNS SRV when {@code url} is null. */
    public PeerConfig(String domain, String url) {
        this(domain, url, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** The policy for domains not listed (the template of {@code unlistedPeers}): every default, no domain. */
    public static PeerConfig defaults() {
        return new PeerConfig(null, null);
    }

    /** The same policy for another domain: how an unlisted domain found by SRV gets the template's settings. */
    public PeerConfig forDomain(String otherDomain) {
        return copy(otherDomain, null, allowed, secretEncoding);
    }

    /** This configuration with another secret encoding. */
    public PeerConfig withSecretEncoding(SecretEncoding value) {
        return copy(domain, url, allowed, value);
    }

    /** This configuration at another URL (a federation check of an endpoint given by the operator). */
    public PeerConfig withUrl(String value) {
        return copy(domain, value, allowed, secretEncoding);
    }

    /** This configuration, allowed or denied. */
    public PeerConfig withAllowed(boolean value) {
        return copy(domain, url, value, secretEncoding);
    }

    /** Every other component kept: the one place that lists them for a copy. */
    private PeerConfig copy(String newDomain, String newUrl, Boolean newAllowed, SecretEncoding newSecretEncoding) {
        return new PeerConfig(newDomain, newUrl, path, newAllowed, tls, sessionIdStyle, newSecretEncoding,
                connectionPairs, trustStore, trustStorePassword, keyStore, keyStorePassword, mutualTls,
                connectTimeoutMillis, readTimeoutMillis, pipelineDepth, pipelineStallMillis, retryMinMillis,
                retryMaxSeconds);
    }

    /** The domain as a lookup key: domains compare case-insensitively. */
    public String key() {
        return domain.toLowerCase(Locale.ROOT);
    }

    public boolean hasUrl() {
        return url != null && !url.isBlank();
    }

    public URI uri() {
        return URI.create(url);
    }

    public Optional<Path> trustStoreFile() {
        return file(trustStore);
    }

    public char[] trustStorePasswordChars() {
        return trustStorePassword == null ? new char[0] : trustStorePassword.toCharArray();
    }

    public Optional<Path> keyStoreFile() {
        return file(keyStore);
    }

    public char[] keyStorePasswordChars() {
        return keyStorePassword == null ? new char[0] : keyStorePassword.toCharArray();
    }

    private static Optional<Path> file(String path) {
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(Expressions.expand(path)));
    }

    public java.time.Duration retryMin() {
        return java.time.Duration.ofMillis(retryMinMillis);
    }

    public java.time.Duration retryMax() {
        return java.time.Duration.ofSeconds(retryMaxSeconds);
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
    public String toString() {
        return domain + (hasUrl() ? " at " + url : " (DNS SRV)") + (allowed ? "" : ", denied");
    }
}
