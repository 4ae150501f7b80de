package org.openimps.ssp.exchange.inbound;

import org.openimps.ssp.exchange.outbound.OutboundPipeline;
import org.openimps.ssp.exchange.Transmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.correlation.CorrelationStore;
import org.openimps.ssp.correlation.PendingKey;
import org.openimps.ssp.handler.Dispatcher;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.PrimitiveKinds;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.session.Handshakes;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.session.SetupHeaders;
import org.openimps.ssp.session.SetupOutcome;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.IdGrammar;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.Primitives;
import org.openimps.ssp.wire.SessionElement;
import org.openimps.ssp.wire.Transaction;

/**
 * Processes one inbound message on the executor, after the HTTP 200 went out: setup messages drive the
 * handshake; in a session, responses complete our pending transactions and requests go to the dispatcher,
 * whose answer is POSTed back on our own connection to the peer (the other half of the connection pair).
 * A message that arrives before the step it depends on (a session not yet registered, a handshake one
 * step behind) waits up to {@code earlyMessageGraceMillis}, then is logged and dropped.
 */
@ApplicationScoped
public class InboundRouter {
    private static final Logger LOG = Logger.getLogger(InboundRouter.class.getName());
    private static final long RETRY_DELAY_MILLIS = 25;

    private SspConfig config;
    private Handshakes handshakes;
    private SessionRegistry sessions;
    private CorrelationStore correlation;
    private Dispatcher dispatcher;
    private Monitor monitor;
    private HostWorkers hostWorkers;
    private OutboundPipeline outbound;
    private Transmitter transmitter;
    private InboundDedupe dedupe;
    private Clock clock;
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;

    protected InboundRouter() {
        // for the CDI client proxy
    }

    @Inject
    public InboundRouter(SspConfig config, Handshakes handshakes, SessionRegistry sessions,
                         CorrelationStore correlation, Dispatcher dispatcher, OutboundPipeline outbound, Transmitter transmitter, InboundDedupe dedupe,
                         Monitor monitor, HostWorkers hostWorkers, Clock clock, @Ssp ExecutorService executor, @Ssp ScheduledExecutorService scheduler) {
        this.config = config;
        this.handshakes = handshakes;
        this.sessions = sessions;
        this.correlation = correlation;
        this.dispatcher = dispatcher;
        this.outbound = outbound;
        this.transmitter = transmitter;
        this.dedupe = dedupe;
        this.monitor = monitor;
        this.hostWorkers = hostWorkers;
        this.clock = clock;
        this.executor = executor;
        this.scheduler = scheduler;
    }

    public void route(InboundMessage inbound) {
        if (inbound.message().getSetupTransaction() != null) {
            SetupOutcome outcome = handshakes.onSetup(inbound.message().getSetupTransaction(), inbound.identity(),
                    new SetupHeaders(inbound.headerTxnId(), inbound.headerSessionId(), inbound.remoteAddress(),
                            inbound.requestUrl()));
            if (outcome == SetupOutcome.NOT_YET && !retryLater(inbound)) {
                LOG.warning(() -> "setup txn " + inbound.message().getSetupTransaction().getTransactionId() + " from "
                        + inbound.remoteAddress() + " matches no handshake; dropped");
            }
            return;
        }
        SessionElement element = inbound.message().getSession();
        Optional<PeerSession> session = sessions.byTheirSessionId(element.getSessionId());
        if (session.isEmpty()) {
            if (handshakes.inProgress() == 0 || !retryLater(inbound)) {
                LOG.warning(() -> "unknown session " + element.getSessionId() + " from " + inbound.remoteAddress()
                        + " (header txn " + inbound.headerTxnId() + "); dropped");
            }
            return;
        }
        if (inbound.headerSessionId() != null && !inbound.headerSessionId().equals(element.getSessionId())
                && !inbound.headerSessionId().equals(session.get().ourSessionId())) {
            LOG.fine(() -> "x-wv-sessionid " + inbound.headerSessionId() + " differs from body " + element.getSessionId());
        }
        outbound.peerSeen(session.get().peerDomain());
        for (Transaction transaction : element.getTransactions()) {
            routeTransaction(session.get(), transaction);
        }
    }

    private void routeTransaction(PeerSession session, Transaction transaction) {
        String txn = transaction.getTransactionId();
        Object payload = transaction.getPayload();
        Optional<Mode> mode = transaction.mode();
        if (!IdGrammar.isAcceptable(txn) || mode.isEmpty() || payload == null) {
            LOG.warning(() -> "transaction without valid id, mode or primitive in " + session + " (txn " + txn
                    + ", mode " + transaction.rawMode() + "); dropped");
            return;
        }
        PendingKey key = new PendingKey(session.peerDomain(), session.ourSessionId(), txn);
        boolean isAnswer = mode.get() == Mode.RESPONSE || PrimitiveKinds.isAnswer(payload);
        if (isAnswer) {
            if (!correlation.complete(key, payload) && mode.get() == Mode.RESPONSE) {
                LOG.warning(() -> "response " + Primitives.nameOf(payload) + " for unknown txn " + txn + " in " + session);
            }
            return;
        }
        String name = Primitives.nameOf(payload);
        RemoteRequest from = new RemoteRequest(session.peerDomain(), session.ourSessionId(), txn);
        InboundDedupe.Admission admission = dedupe.admit(session, transaction);
        if (admission instanceof InboundDedupe.Admission.Fresh fresh) {
            handOver(session, fresh.redelivered() ? new RemoteRequest(from.peerDomain(), from.sessionId(),
                    from.transactionId(), true) : from, name, payload, fresh.recordId());
        } else if (admission instanceof InboundDedupe.Admission.Repeat repeat) {
            monitor.duplicate(session.peerDomain());
            LOG.info(() -> name + " txn " + txn + " from " + session.peerDomain() + " seen before; stored answer sent again");
            respond(session, from, name, repeat.answer());
        } else if (admission instanceof InboundDedupe.Admission.Busy) {
            monitor.duplicate(session.peerDomain());
            LOG.info(() -> name + " txn " + txn + " from " + session.peerDomain() + " seen before and still with the host; resend dropped");
        } else if (admission instanceof InboundDedupe.Admission.Conflict) {
            LOG.warning(() -> name + " txn " + txn + " from " + session.peerDomain() + " reuses the id of another request"
                    + " in the same session; refused");
            respond(session, from, name, StatusCode.BAD_REQUEST.toStatus("transaction id " + txn + " already used"));
        } else if (admission instanceof InboundDedupe.Admission.Unavailable unavailable) {
            LOG.warning(() -> name + " txn " + txn + " from " + session.peerDomain() + ": " + unavailable.reason() + "; 503");
            respond(session, from, name, StatusCode.SERVICE_UNAVAILABLE.toStatus("try again later"));
        }
    }

    private void handOver(PeerSession session, RemoteRequest from, String name, Object payload, long recordId) {
        monitor.inboundRequest(session.peerDomain(), from.transactionId(), name);
        try {
            hostWorkers.execute(() -> answer(session, from, name, payload, recordId));
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> name + " txn " + from.transactionId() + " from " + session.peerDomain() + ": all host threads busy; 503");
            keepAndRespond(session, from, name, recordId, StatusCode.SERVICE_UNAVAILABLE.toStatus("host busy"));
        }
    }

    /** On a host thread: the host's answer, kept for resends, then sent back on our connection. */
    private void answer(PeerSession session, RemoteRequest from, String name, Object payload, long recordId) {
        keepAndRespond(session, from, name, recordId, dispatcher.dispatch(from, payload));
    }

    /** Encodes the answer once, for the dedupe record and for the POST: a JAXB pass less per transaction. */
    private void keepAndRespond(PeerSession session, RemoteRequest from, String name, long recordId, Object reply) {
        byte[] body = transmitter.encode(session, new Transaction(Mode.RESPONSE, from.transactionId(), reply));
        dedupe.answered(recordId, from.transactionId(), body);
        respond(session, from, name, reply, body);
    }

    private void respond(PeerSession session, RemoteRequest from, String name, Object reply) {
        respond(session, from, name, reply, null);
    }

    private void respond(PeerSession session, RemoteRequest from, String name, Object reply, byte[] body) {
        String txn = from.transactionId();
        monitor.inboundAnswered(session.peerDomain(), txn, name, Primitives.nameOf(reply),
                new Reply.Answered(txn, reply).status().getCode());
        outbound.respond(session, txn, reply, body);
    }

    /** Schedules another try while the message is within its grace period; false when the grace is over. */
    private boolean retryLater(InboundMessage inbound) {
        if (!clock.instant().isBefore(inbound.receivedAt().plus(config.earlyMessageGrace()))) {
            return false;
        }
        try {
            scheduler.schedule(() -> executor.execute(() -> route(inbound)), RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
