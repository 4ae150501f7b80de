package org.openimps.ssp.binding.http.outbound;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import java.net.URI;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.client.RequestEntityProcessing;
import org.openimps.ssp.config.PeerConfig;

/**
 * Our half of one connection pair (spec 5.1): a Jersey client whose pool holds one persistent connection per
 * route, so everything this lane sends to the peer travels on a single TCP connection. A redirect during setup
 * may need a second route, hence two connections in all.
 */
final class Lane implements AutoCloseable {
    private final PoolingHttpClientConnectionManager connections;
    private final Client client;
    /** The last target POSTed to: nearly always the peer's one URL, so its parsed form is kept. */
    private volatile Target last;

    Lane(PeerConfig peer, DnsResolver dns, SSLConnectionSocketFactory tls) {
        connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(dns)
                .setSSLSocketFactory(tls)
                .setMaxConnTotal(2)
                .setMaxConnPerRoute(1)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(peer.getConnectTimeoutMillis()))
                        .setSocketTimeout(Timeout.ofMilliseconds(peer.getReadTimeoutMillis()))
                        // a peer that restarted closed our idle keep-alive connection: check before reuse
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        ClientConfig config = new ClientConfig()
                .connectorProvider(new Apache5ConnectorProvider())
                .property(Apache5ClientProperties.CONNECTION_MANAGER, connections)
                .property(ClientProperties.FOLLOW_REDIRECTS, false)
                .property(ClientProperties.CONNECT_TIMEOUT, peer.getConnectTimeoutMillis())
                .property(ClientProperties.READ_TIMEOUT, peer.getReadTimeoutMillis())
                // Content-Length, not chunked: SSP bodies are small and legacy peers expect a length
                .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED);
        client = new JerseyClientBuilder().withConfig(config).build();
    }

    /**
     * A Jersey target for {@code uri}. Resolving a target parses the URI and copies the client's configuration;
     * a lane POSTs to one URL (a second only while a setup redirect is followed), so the last one is reused.
     */
    WebTarget target(URI uri) {
        Target known = last;
        if (known == null || !known.uri().equals(uri)) {
            known = new Target(uri, client.target(uri));
            last = known;
        }
        return known.target();
    }

    private record Target(URI uri, WebTarget target) {
    }

    /** Drops the idle connection: after a peer closed one, the pooled one is dead too. */
    void closeIdle() {
        connections.closeIdle(TimeValue.ZERO_MILLISECONDS);
    }

    @Override
    public void close() {
        client.close();
        connections.close();
    }
}
