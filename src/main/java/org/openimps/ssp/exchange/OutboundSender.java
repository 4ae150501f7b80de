package org.openimps.ssp.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.correlation.CorrelationStore;
import org.openimps.ssp.correlation.PendingKey;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.protocol.IdGenerator;
import org.openimps.ssp.protocol.PeerTransport.TransportException;
import org.openimps.ssp.protocol.PrimitiveKinds;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.session.Handshakes;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.Role;
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.Primitives;
import org.openimps.ssp.wire.Transaction;

/**
 * The module's {@link Federation}: finds or establishes the session, registers the transaction in the
 * correlation store, then POSTs it. Notifications travel in the session we provide to the peer when there is
 * one; requests in the session we requested. All blocking work runs on the managed executor.
 */
@ApplicationScoped
public class OutboundSender implements Federation {
    private static final Logger LOG = Logger.getLogger(OutboundSender.class.getName());

    private final IdGenerator ids = new IdGenerator();
    private SspConfig config;
    private PeerDirectory directory;
    private Handshakes handshakes;
    private SessionRegistry sessions;
    private CorrelationStore correlation;
    private Transmitter transmitter;
    private Monitor monitor;
    private ExecutorService executor;

    protected OutboundSender() {
        // for the CDI client proxy
    }

    @Inject
    public OutboundSender(SspConfig config, PeerDirectory directory, Handshakes handshakes, SessionRegistry sessions,
                          CorrelationStore correlation, Transmitter transmitter, Monitor monitor,
                          @Ssp ExecutorService executor) {
        this.config = config;
        this.directory = directory;
        this.handshakes = handshakes;
        this.sessions = sessions;
        this.correlation = correlation;
        this.transmitter = transmitter;
        this.monitor = monitor;
        this.executor = executor;
    }

    @Override
    public String localDomain() {
        return config.getDomain();
    }

    @Override
    public CompletionStage<Reply> send(String domain, Object primitive) {
        Optional<PeerConfig> peer = directory.find(domain);
        if (peer.isEmpty()) {
            return CompletableFuture.completedFuture(new Reply.Failed(null, StatusCode.DOMAIN_NOT_SUPPORTED, domain));
        }
        CompletableFuture<Reply> result = new CompletableFuture<>();
        try {
            executor.execute(() -> sessionFor(peer.get(), primitive).whenCompleteAsync((session, error) -> {
                if (error != null) {
                    result.complete(new Reply.Failed(null, StatusCode.SESSION_SETUP_FAILED, rootMessage(error)));
                } else {
                    sendInSession(session, primitive).whenComplete((reply, e) -> result.complete(reply));
                }
            }, executor));
        } catch (RejectedExecutionException e) {
            result.complete(new Reply.Failed(null, StatusCode.SERVICE_UNAVAILABLE, "executor refused the send"));
        }
        return result;
    }

    private CompletableFuture<PeerSession> sessionFor(PeerConfig peer, Object primitive) {
        if (PrimitiveKinds.isNotification(primitive)) {
            Optional<PeerSession> provided = sessions.current(peer.getDomain(), Role.PROVIDER);
            if (provided.isPresent()) {
                return CompletableFuture.completedFuture(provided.get());
            }
        }
        return handshakes.requestorSession(peer);
    }

    private CompletableFuture<Reply> sendInSession(PeerSession session, Object primitive) {
        String txn = ids.nextTransactionId();
        PendingKey key = new PendingKey(session.peerDomain(), session.ourSessionId(), txn);
        CompletableFuture<Reply> pending = correlation.register(key);
        if (pending.isDone()) {
            return pending;
        }
        String name = Primitives.nameOf(primitive);
        Instant started = monitor.outboundStarted(session.peerDomain(), txn, name);
        pending.thenAccept(reply -> monitor.outboundFinished(session.peerDomain(), txn, name, started, reply));
        try {
            transmitter.send(session, new Transaction(Mode.REQUEST, txn, primitive));
        } catch (TransportException e) {
            LOG.warning(() -> Primitives.nameOf(primitive) + " txn " + txn + " to " + session.peerDomain()
                    + " not sent: " + e.getMessage());
            correlation.fail(key, StatusCode.PEER_UNREACHABLE, e.getMessage());
        }
        return pending;
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
