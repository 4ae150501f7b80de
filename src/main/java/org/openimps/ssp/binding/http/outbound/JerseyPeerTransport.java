package org.openimps.ssp.binding.http.outbound;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.directory.DirectoryChanged;
import org.openimps.ssp.directory.HostAddresses;
import org.openimps.ssp.protocol.OutboundPost;
import org.openimps.ssp.protocol.PeerTransport;
import org.openimps.ssp.wire.SspContentType;
import org.openimps.ssp.wire.SspHeaders;

/**
 * POSTs SSP messages to peers with Eclipse Jersey clients (built with {@code JerseyClientBuilder} explicitly so
 * WildFly's RESTEasy client is never picked up): one {@link PeerLink} per peer, opened on first use, replaced
 * when the directory changes the peer, closed in {@code @PreDestroy}. Expects the peer's empty 2xx; a 3xx is
 * followed only on the first SendSecretToken.
 */
@ApplicationScoped
public class JerseyPeerTransport implements PeerTransport {
    private static final Logger LOG = Logger.getLogger(JerseyPeerTransport.class.getName());
    static final int MAX_REDIRECTS = 3;

    private final Map<String, PeerLink> links = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private int maxLinks;
    private DirectoryDnsResolver dns;

    protected JerseyPeerTransport() {
        // for the CDI client proxy
    }

    @Inject
    public JerseyPeerTransport(SspConfig config, HostAddresses discovered) {
        this.maxLinks = config.getMaxSessions();
        this.dns = new DirectoryDnsResolver(discovered);
    }

    @PreDestroy
    void close() {
        links.values().forEach(PeerLink::close);
        links.clear();
    }

    /** A changed peer gets new connections with its new settings on its next POST. */
    void onDirectoryChanged(@Observes DirectoryChanged change) {
        change.domains().forEach(domain -> {
            PeerLink old = links.remove(domain);
            if (old != null) {
                old.close();
            }
        });
    }

    /** POSTs repeated on a fresh connection after a pooled one turned out dead. */
    public long retries() {
        return retries.get();
    }

    @Override
    public URI post(OutboundPost post) throws TransportException {
        Lane lane = linkFor(post).lane(post.transactionId());
        URI target = post.target();
        for (int hop = 0; ; hop++) {
            Answer answer = postOnce(lane, target, post);
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return target;
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

    private PeerLink linkFor(OutboundPost post) throws TransportException {
        String key = post.peer().key();
        PeerLink link = links.get(key);
        if (link != null && link.peer().equals(post.peer())) {
            return link;
        }
        synchronized (links) {
            link = links.get(key);
            if (link != null && link.peer().equals(post.peer())) {
                return link;
            }
            if (link == null && links.size() >= maxLinks) {
                throw new TransportException("connections to " + maxLinks + " peers are open; none for "
                        + post.peerDomain() + " (maxSessions)");
            }
            PeerLink fresh;
            try {
                fresh = new PeerLink(post.peer(), dns);
            } catch (GeneralSecurityException | IOException e) {
                throw new TransportException("TLS trust or key store for " + post.peerDomain() + " cannot be used: "
                        + e.getMessage(), e);
            }
            PeerLink old = links.put(key, fresh);
            if (old != null) {
                old.close();
            }
            LOG.fine(() -> "opened " + post.peer().getConnectionPairs() + " connection lane(s) to " + post.peerDomain());
            return fresh;
        }
    }

    private Answer postOnce(Lane lane, URI target, OutboundPost post) throws TransportException {
        Invocation.Builder request = lane.target(target).request()
                .header(SspHeaders.TRANSACTION_ID, post.transactionId());
        if (post.sessionId() != null) {
            request.header(SspHeaders.SESSION_ID, post.sessionId());
        }
        try {
            return send(request, post);
        } catch (ProcessingException e) {
            if (!(e.getCause() instanceof NoHttpResponseException)) {
                throw failure(target, post, e);
            }
            // Almost always a pooled keep-alive connection the peer closed while idle (it restarted, or timed the
            // connection out): drop it and retry once on a fresh connection. A peer that did see the request
            // recognises the repeat by its transaction id.
            LOG.fine(() -> "retrying txn " + post.transactionId() + " to " + post.peerDomain() + " on a new connection");
            lane.closeIdle();
            retries.incrementAndGet();
            try {
                return send(request, post);
            } catch (ProcessingException again) {
                // unanswered twice, or unanswered and then refused: the peer went down on this very POST
                throw failure(target, post, again, true);
            }
        }
    }

    private static Answer send(Invocation.Builder request, OutboundPost post) {
        try (Response response = request.post(Entity.entity(post.body(), SspContentType.WITH_CHARSET))) {
            return new Answer(response.getStatus(), response.getLocation());
        }
    }

    private static TransportException failure(URI target, OutboundPost post, ProcessingException e) {
        return failure(target, post, e, false);
    }

    private static TransportException failure(URI target, OutboundPost post, ProcessingException e,
                                              boolean unansweredBefore) {
        Throwable tls = e;
        while (tls != null && !(tls instanceof SSLException)) {
            tls = tls.getCause();
        }
        if (tls != null) {
            return new TransportException("TLS handshake with " + post.peerDomain() + " at " + target + " failed (txn "
                    + post.transactionId() + "): " + tls.getMessage(), e);
        }
        return new TransportException("cannot POST txn " + post.transactionId() + " to " + post.peerDomain() + " at "
                + target + ": " + (e.getCause() != null ? e.getCause() : e.getMessage()), e,
                unansweredBefore || droppedAfterWrite(e));
    }

    /** The connection was there and died without an answer (a reset or an end of stream), not refused. */
    private static boolean droppedAfterWrite(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoHttpResponseException) {
                return true;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                return false;
            }
            if (t instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
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
