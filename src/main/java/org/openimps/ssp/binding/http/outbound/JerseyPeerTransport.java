package org.openimps.ssp.binding.http.outbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.client.RequestEntityProcessing;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.protocol.OutboundPost;
import org.openimps.ssp.protocol.PeerTransport;
import org.openimps.ssp.wire.SspContentType;
import org.openimps.ssp.wire.SspHeaders;

/**
 * POSTs SSP messages to peers with one Jersey client per application, built in {@code @PostConstruct} and
 * closed in {@code @PreDestroy}. Built with {@link JerseyClientBuilder} explicitly so WildFly's RESTEasy client
 * is never picked up. Expects the peer's empty 2xx; a 3xx is followed only on the first SendSecretToken.
 */
@ApplicationScoped
public class JerseyPeerTransport implements PeerTransport {
    private static final Logger LOG = Logger.getLogger(JerseyPeerTransport.class.getName());
    static final int MAX_REDIRECTS = 3;

    private SspConfig config;
    /** Where a peer's first SendSecretToken was redirected to: the rest of its setup and session go there. */
    private final Map<String, URI> redirectedTargets = new ConcurrentHashMap<>();
    private PoolingHttpClientConnectionManager connections;
    private Client client;

    protected JerseyPeerTransport() {
        // for the CDI client proxy
    }

    @Inject
    public JerseyPeerTransport(SspConfig config) {
        this.config = config;
    }

    @PostConstruct
    void open() {
        int total = config.getPeers().stream().mapToInt(PeerConfig::getMaxConnections).sum();
        connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(Math.max(total, 1) + MAX_REDIRECTS)
                .setMaxConnPerRoute(4)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(3))
                        .setSocketTimeout(Timeout.ofSeconds(10))
                        // a peer that restarted closed our idle keep-alive connections: check before reuse
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        for (PeerConfig peer : config.getPeers()) {
            connections.setMaxPerRoute(new HttpRoute(HttpHost.create(peer.uri())), peer.getMaxConnections());
        }
        ClientConfig clientConfig = new ClientConfig()
                .connectorProvider(new Apache5ConnectorProvider())
                .property(Apache5ClientProperties.CONNECTION_MANAGER, connections)
                .property(ClientProperties.FOLLOW_REDIRECTS, false)
                // Content-Length, not chunked: SSP bodies are small and legacy peers expect a length
                .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED);
        client = new JerseyClientBuilder().withConfig(clientConfig).build();
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
        if (connections != null) {
            connections.close();
        }
    }

    @Override
    public void post(OutboundPost post) throws TransportException {
        PeerConfig peer = config.peer(post.peerDomain()).orElse(null);
        String domain = post.peerDomain().toLowerCase(java.util.Locale.ROOT);
        // a new handshake asks the configured URL again (the balancer may choose another node)
        URI target = post.redirectAllowed() ? post.target() : redirectedTargets.getOrDefault(domain, post.target());
        for (int hop = 0; ; hop++) {
            Answer answer = postOnce(target, post, peer);
            int status = answer.status();
            if (status >= 200 && status < 300) {
                if (post.redirectAllowed() && peer != null) {
                    remember(domain, post.target(), target);
                }
                return;
            }
            if (!isRedirect(status)) {
                throw new TransportException(post.peerDomain() + " answered HTTP " + status + " to txn " + post.transactionId());
            }
            if (!post.redirectAllowed()) {
                throw new TransportException(post.peerDomain() + " answered HTTP " + status + " to txn "
                        + post.transactionId() + ": redirection is allowed only on the first SendSecretToken");
            }
            if (hop >= MAX_REDIRECTS) {
                throw new TransportException(post.peerDomain() + " redirected more than " + MAX_REDIRECTS + " times");
            }
            target = redirectTarget(target, answer.location(), post);
        }
    }

    private void remember(String domain, URI configured, URI reached) {
        if (reached.equals(configured)) {
            redirectedTargets.remove(domain);
        } else {
            redirectedTargets.put(domain, reached);
        }
    }

    private Answer postOnce(URI target, OutboundPost post, PeerConfig peer) throws TransportException {
        var request = client.target(target).request()
                .header(SspHeaders.TRANSACTION_ID, post.transactionId());
        if (post.sessionId() != null) {
            request.header(SspHeaders.SESSION_ID, post.sessionId());
        }
        if (peer != null) {
            request.property(ClientProperties.CONNECT_TIMEOUT, peer.getConnectTimeoutMillis())
                    .property(ClientProperties.READ_TIMEOUT, peer.getReadTimeoutMillis());
        }
        try {
            return send(request, post);
        } catch (ProcessingException e) {
            if (!(e.getCause() instanceof NoHttpResponseException)) {
                throw failure(target, post, e);
            }
            // Almost always a pooled keep-alive connection the peer closed while idle (it restarted, or timed the
            // connection out). Its other idle connections are dead too: close them, then one retry on a fresh
            // connection. A peer that did see the request recognises the repeat by its transaction id.
            LOG.fine(() -> "retrying txn " + post.transactionId() + " to " + post.peerDomain() + " on a new connection");
            connections.closeIdle(TimeValue.ZERO_MILLISECONDS);
            try {
                return send(request, post);
            } catch (ProcessingException again) {
                throw failure(target, post, again);
            }
        }
    }

    private static Answer send(jakarta.ws.rs.client.Invocation.Builder request, OutboundPost post) {
        try (Response response = request.post(Entity.entity(post.body(), SspContentType.WITH_CHARSET))) {
            return new Answer(response.getStatus(), response.getLocation());
        }
    }

    private static TransportException failure(URI target, OutboundPost post, ProcessingException e) {
        return new TransportException("cannot POST txn " + post.transactionId() + " to " + post.peerDomain() + " at "
                + target + ": " + (e.getCause() != null ? e.getCause() : e.getMessage()), e);
    }

    private URI redirectTarget(URI from, URI location, OutboundPost post) throws TransportException {
        if (location == null) {
            throw new TransportException(post.peerDomain() + " redirected without a Location header");
        }
        URI next = from.resolve(location);
        if (!"http".equalsIgnoreCase(next.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
            throw new TransportException(post.peerDomain() + " redirected to a non-HTTP URL " + next);
        }
        LOG.info(() -> "following redirect of txn " + post.transactionId() + " from " + from + " to " + next);
        return next;
    }

    /** The peer's HTTP answer: its status and, for a redirect, where to. */
    private record Answer(int status, URI location) {
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
