package org.openimps.ssp.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.directory.DiscoveryException;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.protocol.OutboundPost;
import org.openimps.ssp.protocol.PeerTransport;
import org.openimps.ssp.protocol.PeerTransport.TransportException;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.SetupChannel;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.SspMessage;
import org.openimps.ssp.wire.Transaction;

/**
 * Encodes a message and POSTs it on our connection to the peer, with the spec's header extensions. A peer's
 * first SendSecretToken tries its endpoints in the directory's order until one accepts; the session's traffic
 * then goes where that one led.
 */
@ApplicationScoped
public class Transmitter implements SetupChannel {
    private static final Logger LOG = Logger.getLogger(Transmitter.class.getName());

    private PeerDirectory directory;
    private SspCodec codec;
    private PeerTransport transport;
    private Monitor monitor;

    protected Transmitter() {
        // for the CDI client proxy
    }

    @Inject
    public Transmitter(PeerDirectory directory, SspCodec codec, PeerTransport transport, Monitor monitor) {
        this.directory = directory;
        this.codec = codec;
        this.transport = transport;
        this.monitor = monitor;
    }

    @Override
    public URI send(PeerConfig peer, URI via, SspMessage message, String transactionId, boolean firstSecretToken)
            throws TransportException {
        byte[] body = codec.encode(message);
        if (!firstSecretToken) {
            return post(new OutboundPost(peer, via != null ? via : target(peer), body, transactionId, null, false));
        }
        List<URI> candidates = endpoints(peer);
        TransportException last = null;
        for (URI candidate : candidates) {
            try {
                URI reached = post(new OutboundPost(peer, candidate, body, transactionId, null, true));
                directory.pin(peer, reached);
                return reached;
            } catch (TransportException e) {
                LOG.info(() -> "txn " + transactionId + ": " + candidate + " did not take the SendSecretToken for "
                        + peer.domain() + ": " + e.getMessage());
                last = e;
            }
        }
        throw candidates.size() == 1 ? last : new TransportException("none of the " + candidates.size()
                + " endpoints of " + peer.domain() + " took txn " + transactionId + "; last: " + last.getMessage(), last);
    }

    /** The body of a POST of one transaction in the session: the message under our own session id. */
    public byte[] encode(PeerSession session, Transaction transaction) {
        return codec.encode(SspMessage.session(session.ourSessionId(), transaction));
    }

    /**
     * POSTs a body from {@link #encode} for the same session without waiting for the peer's answer: the stage
     * completes when it came, or exceptionally with a {@link TransportException}.
     */
    public CompletableFuture<Void> sendAsync(PeerSession session, String transactionId, byte[] body) {
        Optional<PeerConfig> peer = directory.find(session.peerDomain());
        if (peer.isEmpty()) {
            return CompletableFuture.failedFuture(new TransportException(session.peerDomain()
                    + " is no longer an allowed peer"));
        }
        URI target;
        try {
            // the session's own node when its handshake was redirected to one; else the peer's endpoint now
            target = session.endpoint() != null ? session.endpoint() : target(peer.get());
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
        return transport.postAsync(new OutboundPost(peer.get(), target, body, transactionId, session.ourSessionId(), false))
                .handle((reached, error) -> {
                    if (error != null) {
                        TransportException failure = TransportFailures.of(error);
                        monitor.postFailed(session.peerDomain(), failure.getMessage());
                        throw new CompletionException(failure);
                    }
                    monitor.postAccepted(session.peerDomain());
                    return null;
                });
    }

    /** One POST, its outcome recorded as the peer's health. */
    private URI post(OutboundPost post) throws TransportException {
        try {
            URI reached = transport.post(post);
            monitor.postAccepted(post.peerDomain());
            return reached;
        } catch (TransportException e) {
            monitor.postFailed(post.peerDomain(), e.getMessage());
            throw e;
        }
    }

    private URI target(PeerConfig peer) throws TransportException {
        try {
            return directory.target(peer);
        } catch (DiscoveryException e) {
            throw new TransportException("cannot find " + peer.domain() + ": " + e.getMessage(), e);
        }
    }

    private List<URI> endpoints(PeerConfig peer) throws TransportException {
        try {
            return directory.setupTargets(peer);
        } catch (DiscoveryException e) {
            throw new TransportException("cannot find " + peer.domain() + ": " + e.getMessage(), e);
        }
    }
}
