package org.openimps.ssp.exchange.outbound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.exchange.StoredTransactions;
import org.openimps.ssp.exchange.Transmitter;
import org.openimps.ssp.protocol.IdGenerator;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.store.OutboxRecord;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.Primitives;
import org.openimps.ssp.wire.Transaction;

/**
 * Takes a host's sends: each gets its transaction id and a place on its peer's line, is stored, and goes to the
 * engine. Sends that arrive while a commit runs share the next one: one commit per send cost more than the rest
 * of an SSP transaction. Bounded by {@code maxQueuedInbound} waiting to be stored and {@code maxQueuedPerPeer}
 * per line; beyond either, and once stopped, a send completes at once with 503.
 */
final class Intake {
    private static final Logger LOG = Logger.getLogger(Intake.class.getName());
    /** Most sends stored in one commit. */
    private static final int STORE_BATCH = 200;

    private final SspConfig config;
    private final SessionSource sessions;
    private final Transmitter transmitter;
    private final StoredTransactions stored;
    private final Outbox outbox;
    private final Clock clock;
    private final Steps steps;
    private final PeerLines lines;
    private final DeliveryEngine engine;
    private final IdGenerator ids = new IdGenerator();
    private final BlockingQueue<Accepted> accepted;
    private final AtomicBoolean storeScheduled = new AtomicBoolean();
    final LongAdder commits = new LongAdder();
    final LongAdder storedSends = new LongAdder();

    Intake(SspConfig config, SessionSource sessions, Transmitter transmitter, StoredTransactions stored, Outbox outbox,
           Clock clock, Steps steps, PeerLines lines, DeliveryEngine engine) {
        this.config = config;
        this.sessions = sessions;
        this.transmitter = transmitter;
        this.stored = stored;
        this.outbox = outbox;
        this.clock = clock;
        this.steps = steps;
        this.lines = lines;
        this.engine = engine;
        this.accepted = new ArrayBlockingQueue<>(config.maxQueuedInbound());
    }

    /** Accepts a send; {@code result} completes with the outcome, at once when refused. */
    void submit(PeerConfig peer, Object primitive, CompletableFuture<Reply> result) {
        if (steps.stopped()) {
            result.complete(stopping());
            return;
        }
        if (!accepted.offer(new Accepted(peer, primitive, result))) {
            result.complete(new Reply.Failed(null, StatusCode.SERVICE_UNAVAILABLE, "too many sends waiting to be stored"));
            return;
        }
        if (steps.stopped()) {
            refuseWaiting(); // stopped while this one was being offered: nobody else will take it
        } else if (storeScheduled.compareAndSet(false, true)) {
            steps.run(this::storeAccepted, this::refuseWaiting);
        }
    }

    /** Stopped: what waits to be stored is refused, not stored. */
    void refuseWaiting() {
        List<Accepted> unstored = new ArrayList<>();
        accepted.drainTo(unstored);
        unstored.forEach(send -> send.result.complete(stopping()));
    }

    private static Reply stopping() {
        return new Reply.Failed(null, StatusCode.SERVICE_UNAVAILABLE, "module stopping (undeploying); not sent");
    }

    /**
     * Stores the sends waiting, in one commit, then dispatches them. One of these runs at a time, and the next
     * batch starts only once this one's rows are committed and counted on their lines: a batch's places on a line
     * (held, or waiting in the outbox only) then follow acceptance order, and so do the outbox ids, which a line's
     * refill relies on (it reads the rows after the last one it holds).
     */
    private void storeAccepted() {
        List<Accepted> waiting = new ArrayList<>();
        accepted.drainTo(waiting, STORE_BATCH);
        List<Prepared> ready = new ArrayList<>(waiting.size());
        List<Long> storedIds = List.of();
        try {
            for (Accepted send : waiting) {
                Prepared prepared = prepare(send);
                if (prepared != null) {
                    ready.add(prepared);
                }
            }
            if (!ready.isEmpty()) {
                storedIds = storeOrRefuse(ready);
            }
        } finally {
            storeScheduled.set(false);
            if (accepted.peek() != null && storeScheduled.compareAndSet(false, true)) {
                steps.run(this::storeAccepted, this::refuseWaiting);
            }
        }
        boolean first = true;
        for (int i = 0; i < storedIds.size(); i++) {
            Prepared p = ready.get(i);
            if (p.overflow) {
                // stored: it goes out when the line has read it back, in order; its sender hears so now
                p.send.result.complete(new Reply.Queued(p.record.getTransactionId(), p.send.peer.domain()));
                engine.overflowed(p.line);
                continue;
            }
            RequestDelivery delivery = new RequestDelivery(storedIds.get(i), p.send.peer.domain(),
                    p.record.getTransactionId(), p.send.primitive, Instant.ofEpochMilli(p.record.getExpiresAtMillis()),
                    p.send.result);
            delivery.withBody(p.record.getMessage(), p.encodedIn);
            if (first) {
                first = false;
                engine.dispatch(p.line, delivery); // on this worker
            } else {
                engine.dispatchLater(p.line, delivery);
            }
        }
    }

    /** Stores the batch in one commit and counts the held ones on their lines; on failure refuses it all (503). */
    private List<Long> storeOrRefuse(List<Prepared> ready) {
        List<Long> storedIds;
        try {
            storedIds = outbox.store(ready.stream().map(Prepared::record).toList());
            commits.increment();
            storedSends.add(storedIds.size());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, ready.size() + " send(s) not stored, refused; first txn "
                    + ready.get(0).record.getTransactionId() + " to " + ready.get(0).record.getPeerDomain(), e);
            ready.forEach(p -> refuse(p.line, p.overflow, p.send, p.record.getTransactionId(),
                    StatusCode.SERVICE_UNAVAILABLE, "outbound queue not writable"));
            return List.of();
        }
        for (int i = 0; i < ready.size(); i++) {
            if (!ready.get(i).overflow) {
                ready.get(i).line.holding(storedIds.get(i));
            }
        }
        return storedIds;
    }

    /** A send checked, given its transaction id, a place on its peer's line and its outbox record; null when refused. */
    private Prepared prepare(Accepted send) {
        PeerLine line = lines.reserve(send.peer.domain()).orElse(null);
        boolean overflow = line == null;
        if (overflow) {
            // over what is held in memory for the peer: the request waits in the outbox only
            line = lines.reserveOverflow(send.peer.domain(), config.maxStoredPerPeer()).orElse(null);
        }
        if (line == null) {
            send.result.complete(new Reply.Failed(null, StatusCode.SERVICE_UNAVAILABLE,
                    "queue for " + send.peer.domain() + " is full (" + config.maxStoredPerPeer() + " stored)"));
            return null;
        }
        String txn = ids.nextTransactionId();
        Transaction transaction = new Transaction(Mode.REQUEST, txn, send.primitive);
        // encoded once for the outbox and the POST when the session it will go in is live (the usual case)
        PeerSession live = sessions.live(send.peer, send.primitive).orElse(null);
        byte[] message;
        try {
            message = live != null ? transmitter.encode(live, transaction) : stored.encode(transaction);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "txn " + txn + " to " + send.peer.domain() + " not stored; refused", e);
            refuse(line, overflow, send, txn, StatusCode.SERVICE_UNAVAILABLE, "outbound queue not writable");
            return null;
        }
        if (message.length > config.maxBodyBytes()) {
            refuse(line, overflow, send, txn, StatusCode.BAD_REQUEST, Primitives.nameOf(send.primitive) + " of "
                    + message.length + " bytes exceeds maxBodyBytes " + config.maxBodyBytes());
            return null;
        }
        Instant now = clock.instant();
        return new Prepared(send, line, overflow, new OutboxRecord(config.domain(), send.peer.domain(), txn, message,
                now.toEpochMilli(), now.plus(config.deliveryExpiry()).toEpochMilli()), live);
    }

    private static void refuse(PeerLine line, boolean overflow, Accepted send, String txn, StatusCode code, String reason) {
        if (overflow) {
            line.overflowNotStored();
        } else {
            line.release();
        }
        send.result.complete(new Reply.Failed(txn, code, reason));
    }

    /**
     * A send ready to be stored; its message is encoded for {@code encodedIn}, or under the stored placeholder.
     * {@code overflow}: it waits in the outbox only, counted on its line but not held there.
     */
    private record Prepared(Accepted send, PeerLine line, boolean overflow, OutboxRecord record, PeerSession encodedIn) {
    }

    /** A send from the host, accepted and not yet stored. */
    private record Accepted(PeerConfig peer, Object primitive, CompletableFuture<Reply> result) {
    }
}
