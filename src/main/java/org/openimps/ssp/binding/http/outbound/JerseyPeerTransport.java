package org.openimps.ssp.binding.http.outbound;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.directory.DirectoryChanged;
import org.openimps.ssp.directory.HostAddresses;
import org.openimps.ssp.protocol.OutboundPost;
import org.openimps.ssp.protocol.PeerTransport;
import org.openimps.ssp.runtime.Ssp;

/**
 * POSTs SSP messages to peers with Eclipse Jersey clients (built with {@code JerseyClientBuilder} explicitly so
 * WildFly's RESTEasy client is never picked up) over a pipelining connector: one {@link PeerLink} per peer,
 * opened on first use, replaced when the directory changes the peer, closed in {@code @PreDestroy}. Expects the
 * peer's empty 2xx; a 3xx is followed only on the first SendSecretToken. A peer found not to take pipelined POSTs
 * is remembered, so its connections stay stop-and-wait after the directory replaces them.
 */
@ApplicationScoped
public class JerseyPeerTransport implements PeerTransport {
    private static final Logger LOG = Logger.getLogger(JerseyPeerTransport.class.getName());
    static final int MAX_REDIRECTS = 3;
    /** How a refused redirect is worded in a failure, which a federation check looks for. */
    public static final String REDIRECT_NOT_ALLOWED = "redirection is allowed only on the first SendSecretToken";
    /** Threads that take the HTTP client's events and run Jersey's side of each POST: short steps, no waits. */
    private static final int EVENT_THREADS = 2;
    private static final int MAX_QUEUED_EVENTS = 100_000;

    private final Map<String, PeerLink> links = new ConcurrentHashMap<>();
    /** Peers that do not take pipelining, with the reason (at most maxSessions). */
    private final Map<String, String> stopAndWait = new ConcurrentHashMap<>();
    private int maxLinks;
    private long idleNanos;
    private DirectoryDnsResolver dns;
    private ThreadPoolExecutor events;
    private ScheduledExecutorService timer;

    protected JerseyPeerTransport() {
        // for the CDI client proxy
    }

    @Inject
    public JerseyPeerTransport(SspConfig config, HostAddresses discovered, @Ssp ThreadFactory threads,
                               @Ssp ScheduledExecutorService timer) {
        this.maxLinks = config.maxSessions();
        this.idleNanos = config.peerIdle().toNanos();
        this.dns = new DirectoryDnsResolver(discovered);
        this.timer = timer;
        long sweep = Math.max(1, config.peerIdle().toSeconds() / 2);
        timer.scheduleWithFixedDelay(this::closeIdleLinks, sweep, sweep, TimeUnit.SECONDS);
        this.events = new ThreadPoolExecutor(EVENT_THREADS, EVENT_THREADS, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(MAX_QUEUED_EVENTS), threads);
    }

    @PreDestroy
    void close() {
        links.values().forEach(PeerLink::close);
        links.clear();
        events.shutdown();
    }

    /** A changed peer gets new connections with its new settings on its next POST. */
    void onDirectoryChanged(@Observes DirectoryChanged change) {
        change.domains().forEach(domain -> {
            PeerLink old = links.remove(domain);
            if (old != null) {
                retire(old);
            }
        });
    }

    /** Why the peer's connections went stop-and-wait, if they did: it does not take pipelined POSTs. */
    public Optional<String> pipeliningRefused(String peerDomain) {
        return Optional.ofNullable(stopAndWait.get(peerDomain.toLowerCase(Locale.ROOT)));
    }

    /** How many peers went stop-and-wait. */
    public long stopAndWaitPeers() {
        return stopAndWait.size();
    }

    /**
     * What the connections of the link we hold to the peer saw of its keep-alive (answers, announced closes,
     * connections given up); none when we hold no link. A federation check compares two readings.
     */
    public KeepAliveSeen keepAlive(PeerConfig peer) {
        PeerLink link = links.get(peer.key());
        return link == null ? KeepAliveSeen.NONE : link.keepAlive();
    }

    /** How many peers we hold connections to (at most maxSessions). */
    public int openLinks() {
        return links.size();
    }

    /** Closes the connections of peers idle past {@code peerIdleSeconds}, never with a POST in flight. */
    void closeIdleLinks() {
        long now = System.nanoTime();
        links.forEach((key, link) -> {
            if (now - link.lastUsedNanos() > idleNanos && link.retireIfIdle()) {
                links.remove(key, link);
                LOG.fine(() -> "closed the idle connections to " + link.peer().domain());
            }
        });
    }

    @Override
    public CompletableFuture<URI> postAsync(OutboundPost post) {
        PeerLink link;
        try {
            link = acquire(post);
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Lane.Answer> sent;
        try {
            sent = link.lane(post.transactionId()).post(post.target(), post);
        } catch (RuntimeException e) {
            link.release();
            throw e;
        }
        return sent.whenComplete((answer, error) -> link.release()).handle((answer, error) -> {
            if (error != null) {
                throw new CompletionException(failure(post.target(), post, error));
            }
            if (answer.status() >= 200 && answer.status() < 300) {
                return post.target();
            }
            throw new CompletionException(new TransportException(post.peerDomain() + " answered HTTP "
                    + answer.status() + " to txn " + post.transactionId()
                    + (isRedirect(answer.status()) ? ": " + REDIRECT_NOT_ALLOWED : "")));
        });
    }

    @Override
    public URI post(OutboundPost post) throws TransportException {
        PeerLink link = acquire(post);
        try {
            return post(link.lane(post.transactionId()), post);
        } finally {
            link.release();
        }
    }

    private URI post(Lane lane, OutboundPost post) throws TransportException {
        URI target = post.target();
        for (int hop = 0; ; hop++) {
            Lane.Answer answer = await(lane.post(target, post), target, post);
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return target;
            }
            if (!isRedirect(status)) {
                throw new TransportException(post.peerDomain() + " answered HTTP " + status + " to txn " + post.transactionId());
            }
            if (!post.redirectAllowed()) {
                throw new TransportException(post.peerDomain() + " answered HTTP " + status + " to txn "
                        + post.transactionId() + ": " + REDIRECT_NOT_ALLOWED);
            }
            if (hop >= MAX_REDIRECTS) {
                throw new TransportException(post.peerDomain() + " redirected more than " + MAX_REDIRECTS + " times");
            }
            target = redirectTarget(target, answer.location(), post);
        }
    }

    /** Waits for a setup POST: the socket timeout ends a silent peer's wait, this bound only backs it up. */
    private static Lane.Answer await(CompletableFuture<Lane.Answer> answer, URI target, OutboundPost post)
            throws TransportException {
        long bound = 2L * (post.peer().connectTimeoutMillis() + post.peer().readTimeoutMillis());
        try {
            return answer.get(bound, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while POSTing txn " + post.transactionId(), e);
        } catch (ExecutionException e) {
            throw failure(target, post, e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new TransportException("no answer to txn " + post.transactionId() + " from " + post.peerDomain()
                    + " within " + bound + " ms", e);
        }
    }

    /** The peer's link, counted as in use until {@link PeerLink#release}; a link retired meanwhile is replaced. */
    private PeerLink acquire(OutboundPost post) throws TransportException {
        for (int attempt = 0; attempt < 3; attempt++) {
            PeerLink link = linkFor(post);
            if (link.acquire()) {
                return link;
            }
            links.remove(post.peer().key(), link); // retired as idle just now
        }
        throw new TransportException("no connection to " + post.peerDomain() + " could be had");
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
            if (link == null && links.size() >= maxLinks && !closeLeastRecentlyUsedIdleLink()) {
                throw new TransportException("connections to " + maxLinks + " peers are open; none for "
                        + post.peerDomain() + " (maxSessions)");
            }
            PeerLink fresh;
            try {
                fresh = new PeerLink(post.peer(), dns, stopAndWait.containsKey(key), events, timer,
                        reason -> remember(key, reason));
            } catch (GeneralSecurityException | IOException e) {
                throw new TransportException("TLS trust or key store for " + post.peerDomain() + " cannot be used: "
                        + e.getMessage(), e);
            }
            PeerLink old = links.put(key, fresh);
            if (old != null) {
                retire(old);
            }
            LOG.fine(() -> "opened " + post.peer().connectionPairs() + " connection lane(s) to " + post.peerDomain()
                    + ", pipelining " + fresh.depth() + " deep");
            return fresh;
        }
    }

    /**
     * Closes a link no longer in the table once the POSTs already on it have finished (none start on it now): they
     * end within the peer's read timeout.
     */
    private void retire(PeerLink old) {
        if (!old.retireIfIdle()) {
            try {
                timer.schedule(() -> retire(old), 1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                old.close();
            }
        }
    }

    /** Makes room for another peer: the idle link used longest ago goes; false when every link has POSTs in flight. */
    private boolean closeLeastRecentlyUsedIdleLink() {
        List<Map.Entry<String, PeerLink>> byAge = new ArrayList<>(links.entrySet());
        byAge.sort(Comparator.comparingLong(e -> e.getValue().lastUsedNanos()));
        for (Map.Entry<String, PeerLink> oldest : byAge) {
            if (oldest.getValue().retireIfIdle()) {
                links.remove(oldest.getKey(), oldest.getValue());
                LOG.info(() -> "connections to " + maxLinks + " peers were open (maxSessions); closed the idle ones to "
                        + oldest.getValue().peer().domain());
                return true;
            }
        }
        return false;
    }

    private void remember(String peerKey, String reason) {
        if (stopAndWait.size() < maxLinks || stopAndWait.containsKey(peerKey)) {
            stopAndWait.put(peerKey, reason);
        }
    }

    private static TransportException failure(URI target, OutboundPost post, Throwable error) {
        Throwable tls = error;
        while (tls != null && !(tls instanceof SSLException)) {
            tls = tls.getCause();
        }
        if (tls != null) {
            return new TransportException("TLS handshake with " + post.peerDomain() + " at " + target + " failed (txn "
                    + post.transactionId() + "): " + tls.getMessage(), error);
        }
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof PipelineFailure)) {
            cause = cause.getCause();
        }
        boolean unanswered = cause instanceof PipelineFailure failure && failure.unanswered();
        return new TransportException("cannot POST txn " + post.transactionId() + " to " + post.peerDomain() + " at "
                + target + ": " + cause.getMessage(), error, unanswered);
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

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
