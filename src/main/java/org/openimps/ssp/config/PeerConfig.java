package org.openimps.ssp.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** One peer domain we federate with. JSON keys are the field names. */
public class PeerConfig {
    /** The peer's IMPS domain, e.g. {@code beta.example}. Required. */
    private String domain;
    /** The peer's SSP URL, e.g. {@code https://imps.beta.example/ssp}. Required. */
    private String url;
    /** Most TCP connections we keep open to this peer (its connection pool's per-route cap). Default 4. */
    private int maxConnections = 4;
    /** Form of the session ids we give this peer. Default {@link SessionIdStyle#STRICT}. */
    private SessionIdStyle sessionIdStyle = SessionIdStyle.STRICT;
    /** TCP connect timeout towards this peer, milliseconds. Default 3000. */
    private int connectTimeoutMillis = 3_000;
    /** How long we wait for the peer's empty HTTP 200, milliseconds. Default 10000. */
    private int readTimeoutMillis = 10_000;

    public PeerConfig() {
    }

    public PeerConfig(String domain, String url) {
        this.domain = domain;
        this.url = url;
    }

    public String getDomain() {
        return domain;
    }

    public String getUrl() {
        return url;
    }

    public URI uri() {
        return URI.create(url);
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public SessionIdStyle getSessionIdStyle() {
        return sessionIdStyle;
    }

    public int getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public int getReadTimeoutMillis() {
        return readTimeoutMillis;
    }

    List<String> problems(int index) {
        List<String> out = new ArrayList<>();
        String where = "peers[" + index + "]";
        if (domain == null || domain.isBlank()) {
            out.add(where + ".domain is required");
        }
        try {
            URI u = url == null ? null : URI.create(url);
            if (u == null || u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                out.add(where + ".url must be an absolute http or https URL");
            }
        } catch (IllegalArgumentException e) {
            out.add(where + ".url is not a URI: " + e.getMessage());
        }
        if (maxConnections < 1 || maxConnections > 256) {
            out.add(where + ".maxConnections must be 1..256");
        }
        if (connectTimeoutMillis < 1 || readTimeoutMillis < 1) {
            out.add(where + " timeouts must be positive");
        }
        return out;
    }
}
