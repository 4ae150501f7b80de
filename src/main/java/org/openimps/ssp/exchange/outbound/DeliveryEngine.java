package org.openimps.ssp.exchange.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.correlation.CorrelationStore;
import org.openimps.ssp.correlation.PendingKey;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.exchange.Transmitter;
import org.openimps.ssp.exchange.TransportFailures;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.protocol.PeerTransport.TransportException;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.wire.Primitives;
import org.openimps.ssp.wire.Transaction;

/**
 * Carries out the decisions of {@link PeerLine} and {@link DeliveryRules}: POSTs (no thread waits for the peer's
 * empty 200, the connection pipelines), parks, schedules probes, sets aside, and completes each originator's
 * stage exactly once. Requests are retried with the same transaction id (the peer dedupes) until they expire.
 */
final class DeliveryEngine {
    private volatile Consumer<PeerLine> refill = line -> { };
    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());

    private final PeerDirectory directory;
    private final SessionSource sessions;
    private final CorrelationStore correlation;
    private final Transmitter transmitter;
    private final Outbox outbox;
    private final Monitor monitor;
    private final Clock clock;
    private final Steps steps;
    private final PeerLines lines;
    private final DeliveryRules rules;

    DeliveryEngine(PeerDirectory directory, SessionSource sessions, CorrelationStore correlation, Transmitter transmitter,
                   Outbox outbox, Monitor monitor, Clock clock, Steps steps, PeerLines lines, DeliveryRules rules) {
        this.directory = directory;
        this.sessions = sessions;
        this.correlation = correlation;
        this.transmitter = transmitter;
        this.outbox = outbox;
        this.monitor = monitor;
        this.clock = clock;
        this.steps = steps;
        this.lines = lines;
        this.rules = rules;
    }

    /** Sends now if the peer's line is up, else parks behind its probe. */
    void dispatch(PeerLine line, Delivery delivery) {
        if (line.admit(delivery) instanceof Decision.Send) {
            attempt(line, delivery);
        } else {
            wake(line);
        }
    }

    /** {@link #dispatch} on a worker. */
    void dispatchLater(PeerLine line, Delivery delivery) {
        steps.run(() -> dispatch(line, delivery), () -> stopped(delivery));
    }

    /** Inbound traffic from the peer proves it is up: a backoff in progress ends now. */
    void peerSeen(String peerDomain) {
        lines.find(peerDomain).filter(line -> line.peerSeen(clock.instant())).ifPresent(line -> {
            LOG.info(() -> peerDomain + " is sending again; retrying its queue now");
            wake(line);
        });
    }

    private void attempt(PeerLine line, Delivery delivery) {
        if (steps.stopped()) {
            stopped(delivery);
            return;
        }
        if (delivery.nextAttempt() > 1) {
            monitor.retried(delivery.peerDomain);
        }
        if (delivery instanceof ResponseDelivery response) {
            sendResponse(line, response);
            return;
        }
        RequestDelivery request = (RequestDelivery) delivery;
        Optional<PeerConfig> peer = directory.find(request.peerDomain);
        if (peer.isEmpty()) {
            giveUp(line, request, StatusCode.DOMAIN_NOT_SUPPORTED, request.peerDomain + " is no longer an allowed peer");
            return;
        }
        CompletableFuture<PeerSession> session = sessions.sessionFor(peer.get(), request.payload);
        if (session.isDone() && !session.isCompletedExceptionally()) {
            sendRequest(line, request, session.join()); // on this worker: POSTs in flight stay within the workers
            return;
        }
        // a handshake that ends after the stop must still complete the send: stopped(), not a dropped step
        session.whenCompleteAsync((established, error) -> {
            if (error != null) {
                apply(line, request, rules.after(request, new Outcome.Unreachable(StatusCode.SESSION_SETUP_FAILED,
                        "session establishment failed: " + rootMessage(error))));
            } else {
                sendRequest(line, request, established);
            }
        }, step -> steps.run(step, () -> stopped(request)));
    }

    private void sendRequest(PeerLine line, RequestDelivery delivery, PeerSession session) {
        PendingKey key = new PendingKey(session.peerDomain(), session.ourSessionId(), delivery.transactionId);
        delivery.attemptIn(session, monitor.outboundStarted(session.peerDomain(), delivery.transactionId,
                Primitives.nameOf(delivery.payload)));
        // the callback captures only the delivery: 100,000 of these may be pending at once
        if (!correlation.register(key, reply -> onReply(delivery, reply))) {
            return;
        }
        transmit(delivery, session).whenComplete((accepted, error) -> steps.run(() -> {
            if (error != null) {
                TransportException e = TransportFailures.of(error);
                delivery.postFailed(e.unanswered());
                correlation.fail(key, StatusCode.PEER_UNAVAILABLE, e.getMessage());
            } else {
                delivery.postAccepted();
                reachable(line);
            }
        }, () -> {
            // stopped meanwhile: a failed POST ends the attempt now (onReply completes it as stopped) rather than
            // at the transaction timeout; a POST the peer took still gets its answer or the timeout
            if (error != null) {
                correlation.fail(key, StatusCode.SERVICE_UNAVAILABLE, "module stopping");
            }
        }));
    }

    /** The correlation store's word on an attempt: the peer's response, a timeout, or the failed POST. */
    private void onReply(RequestDelivery delivery, Reply reply) {
        if (steps.stopped()) {
            stopped(delivery);
            return;
        }
        Outcome outcome = Outcome.of(reply, delivery.lastPostDropped());
        if (outcome instanceof Outcome.Answered || outcome instanceof Outcome.Refused) {
            monitor.outboundFinished(delivery.peerDomain, delivery.transactionId, Primitives.nameOf(delivery.payload),
                    delivery.attemptStartedMillis(), reply);
        }
        apply(lines.line(delivery.peerDomain), delivery, rules.after(delivery, outcome));
    }

    private void apply(PeerLine line, RequestDelivery delivery, Decision decision) {
        if (decision instanceof Decision.Finish finish) {
            outbox.delivered(delivery.storedId());
            released(line);
            delivery.result.complete(finish.reply());
        } else if (decision instanceof Decision.Retry retry) {
            if (retry.endSession()) {
                endSession(delivery);
            }
            retry(line, delivery, retry.code(), retry.reason());
        } else if (decision instanceof Decision.SendAgain again) {
            delivery.failedWith(StatusCode.TIMEOUT, "no response within the transaction timeout");
            if (again.endSession()) {
                endSession(delivery);
            }
            if (delivery.expiredAt(clock.instant())) {
                expire(line, delivery);
            } else {
                LOG.info(() -> delivery + ": no response within the transaction timeout; sending it again");
                dispatch(line, delivery);
            }
        } else if (decision instanceof Decision.Quarantine quarantine) {
            quarantine(line, delivery, quarantine.reason());
        } else if (decision instanceof Decision.GiveUp giveUp) {
            giveUp(line, delivery, giveUp.code(), giveUp.reason());
        } else {
            throw new IllegalStateException("not a decision after an attempt: " + decision);
        }
    }

    private void endSession(RequestDelivery delivery) {
        PeerSession session = delivery.attemptSession();
        if (session != null) {
            sessions.end(session);
        }
    }

    private void sendResponse(PeerLine line, ResponseDelivery delivery) {
        if (!sessions.isLive(delivery.session)) {
            LOG.info(() -> delivery + " dropped: its session " + delivery.session.ourSessionId()
                    + " ended; the peer's resend in a new session gets the stored answer");
            released(line);
            return;
        }
        transmit(delivery, delivery.session).whenComplete((accepted, error) -> steps.execute(() -> {
            if (error != null) {
                retry(line, delivery, StatusCode.PEER_UNAVAILABLE, TransportFailures.of(error).getMessage());
            } else {
                released(line);
                reachable(line);
            }
        }));
    }

    /**
     * POSTs the delivery in the session, with the body encoded earlier when there is one for that session; the
     * stage completes when the peer's empty 200 came.
     */
    private CompletableFuture<Void> transmit(Delivery delivery, PeerSession session) {
        byte[] body = delivery.takeBody(session);
        if (body == null) {
            try {
                body = transmitter.encode(session, new Transaction(delivery.mode(), delivery.transactionId, delivery.payload));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new TransportException("txn " + delivery.transactionId
                        + " cannot be encoded: " + e.getMessage(), e));
            }
        }
        return transmitter.sendAsync(session, delivery.transactionId, body);
    }

    /** The peer took a POST: if its line was down, it is up again and what waited goes out, oldest first. */
    private void reachable(PeerLine line) {
        List<Delivery> released = line.succeeded();
        if (!released.isEmpty()) {
            LOG.info(() -> line.peerDomain + " is reachable again; sending its " + released.size() + " queued");
            released.forEach(d -> steps.run(() -> attempt(line, d), () -> stopped(d)));
        }
    }

    private void retry(PeerLine line, Delivery delivery, StatusCode code, String reason) {
        delivery.failedWith(code, reason);
        PeerConfig peer = directory.find(delivery.peerDomain).orElse(null);
        Instant next = line.failed(delivery, code, reason, clock.instant(), failures -> peer == null ? Duration.ZERO
                : Backoff.delay(failures, peer.retryMin(), peer.retryMax(), ThreadLocalRandom.current()::nextDouble));
        if (delivery.expiredAt(next) && line.unpark(delivery)) {
            expire(line, delivery);
            return;
        }
        LOG.info(() -> delivery + ": attempt " + delivery.attempts() + " failed (" + reason + "); next try after " + next);
        wake(line);
    }

    /**
     * Sets aside a request the peer keeps dropping the connection on (it likely crashes on it), so the rest of its
     * queue can go: kept, in the store too, until an operator retries or drops it or it expires.
     */
    private void quarantine(PeerLine line, RequestDelivery delivery, String reason) {
        endSession(delivery); // the peer may have restarted too
        setAside(line, delivery, reason);
        LOG.warning(() -> delivery + " quarantined: " + reason + "; the rest of the queue goes on; an operator can"
                + " retry or drop it (admin API /queue, console)");
        monitor.quarantined(delivery.peerDomain);
        storeQuarantine(delivery, reason);
        wake(line);
    }

    /** Off the line, with the reason, until an operator acts or it expires: then its originator gets 410. */
    void setAside(PeerLine line, RequestDelivery delivery, String reason) {
        delivery.failedWith(StatusCode.UNABLE_TO_DELIVER, reason);
        delivery.quarantine(reason);
        line.quarantine(delivery, clock.instant());
        long delay = Math.max(0, delivery.expiresAtMillis - clock.millis());
        steps.later(() -> {
            if (line.unquarantine(delivery)) {
                expire(line, delivery);
            }
        }, delay, () -> LOG.fine(() -> delivery + ": expiry not scheduled (stopping); it stays stored"));
    }

    private void storeQuarantine(RequestDelivery delivery, String reason) {
        try {
            outbox.quarantine(delivery.storedId(), reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, delivery + ": quarantine not stored; after a restart it is sent again", e);
        }
    }

    /** An operator sends a quarantined request again, with a fresh count of drops; false when there is none. */
    boolean retryQuarantined(String peerDomain, String transactionId, String operator) {
        PeerLine line = lines.find(peerDomain).orElse(null);
        RequestDelivery delivery = line == null ? null : line.unquarantine(transactionId);
        if (delivery == null) {
            return false;
        }
        LOG.warning(() -> "operator " + operator + " retries quarantined " + delivery);
        delivery.release();
        storeQuarantine(delivery, null);
        dispatchLater(line, delivery);
        return true;
    }

    /** An operator gives up a quarantined or parked request: its originator gets Status 410; false when none. */
    boolean drop(String peerDomain, String transactionId, String operator) {
        PeerLine line = lines.find(peerDomain).orElse(null);
        RequestDelivery delivery = line == null ? null : line.takeWaiting(transactionId);
        if (delivery == null) {
            return false;
        }
        giveUp(line, delivery, StatusCode.UNABLE_TO_DELIVER, "dropped by operator " + operator
                + (delivery.quarantineReason() == null ? "" : " after " + delivery.quarantineReason()));
        return true;
    }

    /**
     * Reads overflow rows back into a line (set by the pipeline: {@link OutboxRecovery#refill}); runs on a worker
     * whenever a line with overflow gives a place back or gets more overflow.
     */
    void onRoom(Consumer<PeerLine> refill) {
        this.refill = refill;
    }

    /** A delivery left the line: if requests wait in the outbox only, the line may read the next page back. */
    private void released(PeerLine line) {
        line.release();
        if (line.overflow() > 0) {
            steps.execute(() -> refill.accept(line));
        }
    }

    /** A send was stored as overflow: a line with room (its peer up and quick) reads it back at once. */
    void overflowed(PeerLine line) {
        steps.execute(() -> refill.accept(line));
    }

    /** Parks a request read back from the outbox: behind a probe, as the peer has no session with this run. */
    void parkRecovered(PeerLine line, RequestDelivery delivery) {
        line.failed(delivery, StatusCode.PEER_UNAVAILABLE, "recovered after a restart", clock.instant(),
                failures -> Duration.ZERO);
    }

    /**
     * Schedules the line's next probe at its retry time, unless one is scheduled already. Once stopped, what the
     * line holds learns at once that it waits for the next start: an attempt that failed after {@link #stop} drained
     * the lines (a handshake that was under way) parks here, and no probe will come for it.
     */
    void wake(PeerLine line) {
        if (steps.stopped()) {
            line.drain().forEach(DeliveryEngine::stopped);
            return;
        }
        line.scheduleWake(() -> steps.schedule(() -> probe(line), line.millisUntilRetry(clock.instant())));
    }

    private void probe(PeerLine line) {
        List<Delivery> expired = new ArrayList<>();
        Delivery probe = line.probe(clock.instant(), expired);
        expired.forEach(d -> expire(line, d));
        if (probe != null) {
            LOG.fine(() -> "probing " + line.peerDomain + " with " + probe);
            attempt(line, probe);
        } else {
            wake(line);
        }
    }

    /** Past its expiry: Status 410, Unable to deliver, with the last error (its own, or its line's if never tried). */
    private void expire(PeerLine line, Delivery delivery) {
        boolean tried = delivery.attempts() > 0;
        StatusCode last = tried ? delivery.lastCode() : line.lastCode();
        String reason = "not delivered to " + delivery.peerDomain + " after " + delivery.attempts()
                + " attempt(s); last error" + (tried ? "" : " on this peer") + " (" + last.code() + "): "
                + (tried ? delivery.lastError() : line.lastError());
        if (delivery instanceof RequestDelivery request) {
            giveUp(line, request, StatusCode.UNABLE_TO_DELIVER, reason);
        } else {
            LOG.warning(() -> delivery + " given up: " + reason + "; the peer's resend gets the stored answer");
            released(line);
        }
    }

    private void giveUp(PeerLine line, RequestDelivery delivery, StatusCode code, String reason) {
        LOG.warning(() -> delivery + " given up: " + reason);
        monitor.deliveryExpired(delivery.peerDomain);
        outbox.delivered(delivery.storedId());
        released(line);
        delivery.result.complete(new Reply.Failed(delivery.transactionId, code, reason));
    }

    /** A delivery that met the stopped pipeline: a request stays stored for the next start, its originator learns so. */
    static void stopped(Delivery delivery) {
        if (delivery instanceof RequestDelivery request) {
            request.result.complete(new Reply.Failed(request.transactionId, StatusCode.SERVICE_UNAVAILABLE,
                    "module stopping; the request stays queued and goes out after the next start"));
        }
    }

    /** Stops: what is parked or set aside learns it waits for the next start. */
    void stop() {
        lines.all().forEach(line -> line.drain().forEach(DeliveryEngine::stopped));
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
