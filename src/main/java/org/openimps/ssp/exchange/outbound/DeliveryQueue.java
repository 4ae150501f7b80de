package org.openimps.ssp.exchange.outbound;

import org.openimps.ssp.exchange.TransportFailures;
import org.openimps.ssp.exchange.Transmitter;
import org.openimps.ssp.exchange.StoredTransactions;
import org.openimps.ssp.exchange.BoundedPools;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
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
import org.openimps.ssp.store.DurableStore;
import org.openimps.ssp.store.OutboxRecord;
import org.openimps.ssp.store.WriteBehind;
import org.openimps.ssp.wire.MalformedMessageException;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.Primitives;
import org.openimps.ssp.wire.Transaction;

/**
 * Gets every outbound transaction to its peer, or gives it up with a Status. A request is stored before its
 * first POST and removed when the peer's response arrives; until then it is retried, with the same transaction
 * id (the peer dedupes), after a failed POST, a failed handshake or a response timeout, with the peer's
 * backoff ({@link PeerLine}), until {@code deliveryExpirySeconds}. A failed POST or a timeout also drops the
 * session, so a peer that restarted and lost it gets a new handshake. What is stored when the deployment stops
 * is sent after it starts again.
 */
@ApplicationScoped
public class DeliveryQueue {
    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class.getName());
    private static final int RECOVERY_PAGE = 1_000;
    private static final long WORKERS_BUSY_RETRY_MILLIS = 20;
    /** Most sends stored in one commit. */
    private static final int STORE_BATCH = 200;

    private final IdGenerator ids = new IdGenerator();
    private final Map<String, PeerLine> lines = new ConcurrentHashMap<>();
    /** Order of responses, which have no outbox id: after every stored id (ids of one run stay below 2^62). */
    private final AtomicLong responseOrder = new AtomicLong(1L << 62);
    private volatile boolean stopping;
    /** Sends accepted from the host and not yet stored; bounded by {@code maxQueuedInbound}. */
    private BlockingQueue<Accepted> accepted;
    private final AtomicBoolean storeScheduled = new AtomicBoolean();
    private final LongAdder storeCommits = new LongAdder();
    private final LongAdder storedSends = new LongAdder();
    /**
     * Store and POST outbound transactions: a burst of sends waits in their bounded queue, not on thousands of
     * executor threads blocked on a peer's few connections (Payara's default executor grows without bound).
     */
    private ThreadPoolExecutor workers;
    private SspConfig config;
    private PeerDirectory directory;
    private Handshakes handshakes;
    private SessionRegistry sessions;
    private CorrelationStore correlation;
    private Transmitter transmitter;
    private DurableStore store;
    private WriteBehind writes;
    private StoredTransactions stored;
    private Monitor monitor;
    private Clock clock;
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;

    protected DeliveryQueue() {
        // for the CDI client proxy
    }

    @Inject
    public DeliveryQueue(SspConfig config, PeerDirectory directory, Handshakes handshakes, SessionRegistry sessions,
                         CorrelationStore correlation, Transmitter transmitter, DurableStore store, WriteBehind writes,
                         org.openimps.ssp.wire.SspCodec codec, Monitor monitor, Clock clock,
                         @Ssp ExecutorService executor, @Ssp ScheduledExecutorService scheduler,
                         @Ssp ThreadFactory threads) {
        this.config = config;
        this.directory = directory;
        this.handshakes = handshakes;
        this.sessions = sessions;
        this.correlation = correlation;
        this.transmitter = transmitter;
        this.store = store;
        this.writes = writes;
        this.stored = new StoredTransactions(codec);
        this.monitor = monitor;
        this.clock = clock;
        this.executor = executor;
        this.scheduler = scheduler;
        this.workers = BoundedPools.of(config.getOutboundThreads(), config.getMaxQueuedInbound(), threads);
        this.accepted = new ArrayBlockingQueue<>(config.getMaxQueuedInbound());
        monitor.gauge("ssp_outbound_queued", "Outbound transactions accepted and not yet delivered",
                () -> lines.values().stream().mapToInt(l -> l.snapshot().outstanding()).sum());
        monitor.counter("ssp_store_outbox_commits_total", "Commits that stored outbound requests", storeCommits, LongAdder::sum);
        monitor.counter("ssp_store_outbox_writes_total", "Outbound requests those commits stored", storedSends, LongAdder::sum);
        monitor.gauge("ssp_peers_backing_off", "Peers whose deliveries wait for a backoff",
                () -> lines.values().stream().filter(l -> !l.snapshot().up()).count());
    }

    /** At start (once the configuration is loaded): what a previous run left in the outbox goes out again. */
    public void start() {
        executor.execute(this::recover);
    }

    /**
     * Last step before the beans go (after inbound work drained): no new attempts, and nothing stored is removed from here on; the originators of
     * parked requests learn that they wait for the next start.
     */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(3) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stopping = true;
        workers.shutdown();
        List<Accepted> unstored = new ArrayList<>();
        accepted.drainTo(unstored);
        unstored.forEach(send -> send.result.complete(new Reply.Failed(null, StatusCode.SERVICE_UNAVAILABLE,
                "module stopping; not sent")));
        lines.values().forEach(line -> line.drain().forEach(d -> d.result.complete(new Reply.Failed(d.transactionId,
                StatusCode.SERVICE_UNAVAILABLE, "module stopping; " + (d.isStored()
                        ? "the request stays queued and goes out after the next start" : "not sent")))));
    }

    /**
     * Accepts a request (or notification) from the host: stored, then sent, on the outbound workers; the stage
     * completes with the outcome (503 at once when {@code maxQueuedInbound} sends already wait to be stored).
     */
    public void submit(PeerConfig peer, Object primitive, CompletableFuture<Reply> result) {
        if (!accepted.offer(new Accepted(peer, primitive, result))) {
            result.complete(new Reply.Failed(null, StatusCode.SERVICE_UNAVAILABLE, "too many sends waiting to be stored"));
            return;
        }
        if (storeScheduled.compareAndSet(false, true)) {
            onWorkers(this::storeAccepted);
        }
    }

    /**
     * Stores every send waiting, in one commit, then sends them. One commit per send cost more than the rest
     * of an SSP transaction, and the workers take sends one at a time as the peer's connection frees them, so
     * a commit per worker stored one send each; sends that arrive while a commit runs now share the next one.
     * Only one of these is scheduled at a time; a send accepted after this one cleared the flag schedules the next.
     */
    private void storeAccepted() {
        storeScheduled.set(false);
        List<Accepted> waiting = new ArrayList<>();
        accepted.drainTo(waiting, STORE_BATCH);
        if (accepted.peek() != null && storeScheduled.compareAndSet(false, true)) {
            onWorkers(this::storeAccepted);
        }
        List<Prepared> ready = new ArrayList<>(waiting.size());
        for (Accepted send : waiting) {
            Prepared prepared = prepare(send);
            if (prepared != null) {
                ready.add(prepared);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        List<Long> storedIds;
        try {
            storedIds = store.enqueue(ready.stream().map(p -> p.record).toList());
            storeCommits.increment();
            storedSends.add(storedIds.size());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, ready.size() + " send(s) not stored, refused; first txn " + ready.get(0).record.getTransactionId()
                    + " to " + ready.get(0).record.getPeerDomain(), e);
            ready.forEach(p -> {
                p.line.release();
                p.send.result.complete(new Reply.Failed(p.record.getTransactionId(), StatusCode.SERVICE_UNAVAILABLE,
                        "outbound queue not writable"));
            });
            return;
        }
        for (int i = 0; i < ready.size(); i++) {
            Prepared p = ready.get(i);
            long id = storedIds.get(i);
            Delivery delivery = new Delivery(id, id, p.send.peer.getDomain(), p.record.getTransactionId(), Mode.REQUEST,
                    p.send.primitive, null, Instant.ofEpochMilli(p.record.getExpiresAtMillis()), p.send.result)
                    .withBody(p.record.getMessage(), p.encodedIn);
            if (i == 0) {
                dispatch(p.line, delivery); // on this worker, as before
            } else {
                onWorkers(() -> dispatch(p.line, delivery));
            }
        }
    }

    /** A send checked, given its transaction id, a place on its peer's line and its outbox record; null when refused. */
    private Prepared prepare(Accepted send) {
        PeerLine line = line(send.peer.getDomain());
        if (stopping || !line.reserve()) {
            send.result.complete(new Reply.Failed(null, StatusCode.SERVICE_UNAVAILABLE, stopping ? "module stopping"
                    : "queue for " + send.peer.getDomain() + " is full (" + config.getMaxQueuedPerPeer() + ")"));
            return null;
        }
        String txn = ids.nextTransactionId();
        Transaction transaction = new Transaction(Mode.REQUEST, txn, send.primitive);
        // encoded once for the outbox and the POST when the session it will go in is live (the usual case)
        PeerSession live = liveSession(send.peer, send.primitive).orElse(null);
        byte[] message;
        try {
            message = live != null ? transmitter.encode(live, transaction) : stored.encode(transaction);
        } catch (RuntimeException e) {
            // as before batching: refused with a Status, and the rest of the batch still goes
            line.release();
            LOG.log(Level.WARNING, "txn " + txn + " to " + send.peer.getDomain() + " not stored; refused", e);
            send.result.complete(new Reply.Failed(txn, StatusCode.SERVICE_UNAVAILABLE, "outbound queue not writable"));
            return null;
        }
        if (message.length > config.getMaxBodyBytes()) {
            line.release();
            send.result.complete(new Reply.Failed(txn, StatusCode.BAD_REQUEST, Primitives.nameOf(send.primitive) + " of "
                    + message.length + " bytes exceeds maxBodyBytes " + config.getMaxBodyBytes()));
            return null;
        }
        Instant now = clock.instant();
        return new Prepared(send, line, new OutboxRecord(config.getDomain(), send.peer.getDomain(), txn, message,
                now.toEpochMilli(), now.plus(config.deliveryExpiry()).toEpochMilli()), live);
    }

    /** A send ready to be stored; its message is encoded for {@code encodedIn}, or under the stored placeholder. */
    private record Prepared(Accepted send, PeerLine line, OutboxRecord record, PeerSession encodedIn) {
    }

    /** A send from the host, accepted and not yet stored. */
    private record Accepted(PeerConfig peer, Object primitive, CompletableFuture<Reply> result) {
    }

    /**
     * Sends our answer to a peer's request in the session it came in; delivered when the peer's HTTP 200 comes.
     * {@code body}: the answer already encoded for this session ({@link Transmitter#encode}), or null.
     */
    public void respond(PeerSession session, String transactionId, Object answer, byte[] body) {
        PeerLine line = line(session.peerDomain());
        if (stopping || !line.reserve()) {
            LOG.warning(() -> "response txn " + transactionId + " to " + session.peerDomain() + " not queued ("
                    + (stopping ? "stopping" : "queue full") + "); the peer's resend gets the stored answer");
            return;
        }
        Instant expires = min(session.expiresAt(), clock.instant().plus(config.deliveryExpiry()));
        dispatch(line, new Delivery(responseOrder.incrementAndGet(), Delivery.NOT_STORED, session.peerDomain(),
                transactionId, Mode.RESPONSE, answer, session, expires, new CompletableFuture<>()).withBody(body, session));
    }

    /** Inbound traffic from the peer proves it is up: a backoff in progress ends now. */
    public void peerSeen(String peerDomain) {
        PeerLine line = lines.get(key(peerDomain));
        if (line != null && line.peerSeen(clock.instant())) {
            LOG.info(() -> peerDomain + " is sending again; retrying its queue now");
            wake(line);
        }
    }

    /** Each peer's queue, for the admin API. */
    public List<QueueState> states() {
        return lines.values().stream().map(PeerLine::snapshot)
                .sorted(Comparator.comparing(QueueState::peerDomain)).toList();
    }

    private void dispatch(PeerLine line, Delivery delivery) {
        if (line.admit(delivery)) {
            attempt(line, delivery);
        } else {
            wake(line);
        }
    }

    private void attempt(PeerLine line, Delivery delivery) {
        if (stopping) {
            return;
        }
        int attempt = delivery.nextAttempt();
        if (attempt > 1) {
            monitor.retried(delivery.peerDomain);
        }
        if (delivery.isResponse()) {
            sendResponse(line, delivery);
            return;
        }
        Optional<PeerConfig> peer = directory.find(delivery.peerDomain);
        if (peer.isEmpty()) {
            giveUp(line, delivery, StatusCode.DOMAIN_NOT_SUPPORTED, delivery.peerDomain + " is no longer an allowed peer");
            return;
        }
        CompletableFuture<PeerSession> session = sessionFor(peer.get(), delivery.payload);
        if (session.isDone() && !session.isCompletedExceptionally()) {
            sendRequest(line, delivery, session.join()); // on this worker: POSTs in flight stay within the workers
            return;
        }
        session.whenCompleteAsync((established, error) -> {
            if (error != null) {
                retry(line, delivery, StatusCode.SESSION_SETUP_FAILED,
                        "session establishment failed: " + OutboundSender.rootMessage(error));
            } else {
                sendRequest(line, delivery, established);
            }
        }, this::onWorkers);
    }

    private CompletableFuture<PeerSession> sessionFor(PeerConfig peer, Object primitive) {
        Optional<PeerSession> provided = providedSession(peer, primitive);
        return provided.isPresent() ? CompletableFuture.completedFuture(provided.get()) : handshakes.requestorSession(peer);
    }

    /** The session {@link #sessionFor} would pick now, without starting a handshake; empty when there is none. */
    private Optional<PeerSession> liveSession(PeerConfig peer, Object primitive) {
        Optional<PeerSession> provided = providedSession(peer, primitive);
        return provided.isPresent() ? provided : sessions.current(peer.getDomain(), Role.REQUESTOR);
    }

    /** A notification goes in the session the peer opened with us, when there is one. */
    private Optional<PeerSession> providedSession(PeerConfig peer, Object primitive) {
        return PrimitiveKinds.isNotification(primitive) ? sessions.current(peer.getDomain(), Role.PROVIDER) : Optional.empty();
    }

    private void sendRequest(PeerLine line, Delivery delivery, PeerSession session) {
        PendingKey key = new PendingKey(session.peerDomain(), session.ourSessionId(), delivery.transactionId);
        delivery.attemptIn(session, monitor.outboundStarted(session.peerDomain(), delivery.transactionId,
                Primitives.nameOf(delivery.payload)));
        // the callback captures only the delivery: 100,000 of these may be pending at once
        if (!correlation.register(key, reply -> onRequestOutcome(delivery, reply))) {
            return;
        }
        // no thread waits for the peer's empty 200: the connection pipelines the POSTs of many deliveries
        transmit(delivery, session).whenComplete((accepted, error) -> onWorkers(() -> {
            if (error != null) {
                TransportException e = TransportFailures.of(error);
                delivery.postFailed(e.unanswered());
                correlation.fail(key, StatusCode.PEER_UNREACHABLE, e.getMessage());
            } else {
                delivery.postAccepted();
                reachable(line);
            }
        }));
    }

    private void onRequestOutcome(Delivery delivery, Reply reply) {
        PeerLine line = line(delivery.peerDomain);
        PeerSession session = delivery.attemptSession();
        if (stopping) {
            delivery.result.complete(new Reply.Failed(delivery.transactionId, StatusCode.SERVICE_UNAVAILABLE,
                    "module stopping; the request stays queued and goes out after the next start"));
            return;
        }
        if (reply instanceof Reply.Failed failed && failed.code() == StatusCode.PEER_UNREACHABLE) {
            // the peer may have restarted without our session: the next attempt starts a new one
            sessions.remove(session);
            int drops = delivery.drops();
            if (drops >= config.getQuarantineAfterDrops()) {
                quarantine(line, delivery, "the peer closed the connection without an answer " + drops
                        + " time(s) in a row when this request was POSTed (last: " + failed.detail() + ")");
            } else {
                retry(line, delivery, StatusCode.PEER_UNREACHABLE, failed.detail());
            }
            return;
        }
        if (reply instanceof Reply.Failed failed && failed.code() == StatusCode.REQUEST_TIMEOUT) {
            // The peer took the POST and did not answer. Once: its host may be slow, or the answer got lost;
            // resend in the same session (the peer's dedupe answers again). Twice: it has likely lost the session.
            delivery.failedWith(StatusCode.REQUEST_TIMEOUT, "no response within the transaction timeout");
            if (delivery.timedOut() >= 2) {
                sessions.remove(session);
            }
            LOG.info(() -> delivery + ": no response within the transaction timeout; sending it again");
            if (!delivery.expiredAt(clock.instant())) {
                dispatch(line, delivery);
            } else {
                expire(line, delivery);
            }
            return;
        }
        monitor.outboundFinished(session.peerDomain(), delivery.transactionId, Primitives.nameOf(delivery.payload),
                delivery.attemptStartedMillis(), reply);
        if (reply instanceof Reply.Failed failed) {
            // refused here (e.g. the pending bound), not by the peer: the Status goes to the originator
            giveUp(line, delivery, failed.code(), failed.detail());
        } else {
            finish(line, delivery, reply);
        }
    }

    private void sendResponse(PeerLine line, Delivery delivery) {
        if (sessions.byTheirSessionId(delivery.session.theirSessionId()).isEmpty()) {
            LOG.info(() -> delivery + " dropped: its session " + delivery.session.ourSessionId()
                    + " ended; the peer's resend in a new session gets the stored answer");
            line.release();
            return;
        }
        transmit(delivery, delivery.session).whenComplete((accepted, error) -> onWorkers(() -> {
            if (error != null) {
                retry(line, delivery, StatusCode.PEER_UNREACHABLE, TransportFailures.of(error).getMessage());
            } else {
                line.release();
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
                body = transmitter.encode(session, new Transaction(delivery.mode, delivery.transactionId, delivery.payload));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new TransportException("txn " + delivery.transactionId
                        + " cannot be encoded: " + e.getMessage(), e));
            }
        }
        return transmitter.sendAsync(session, delivery.transactionId, body);
    }

    /** The peer answered: the request leaves the outbox and its originator gets the answer. */
    private void finish(PeerLine line, Delivery delivery, Reply reply) {
        if (delivery.isStored()) {
            forget(delivery);
        }
        line.release();
        delivery.result.complete(reply);
    }

    /** The peer took a POST: if its line was down, it is up again and what waited goes out, oldest first. */
    private void reachable(PeerLine line) {
        List<Delivery> released = line.succeeded();
        if (!released.isEmpty()) {
            LOG.info(() -> line.peerDomain + " is reachable again; sending its " + released.size() + " queued");
            released.forEach(d -> execute(line, d));
        }
    }

    private void retry(PeerLine line, Delivery delivery, StatusCode code, String reason) {
        delivery.failedWith(code, reason);
        Instant now = clock.instant();
        PeerConfig peer = directory.find(delivery.peerDomain).orElse(null);
        Instant next = line.failed(delivery, code, reason, now, failures -> peer == null ? Duration.ZERO
                : Backoff.delay(failures, peer.retryMin(), peer.retryMax(), ThreadLocalRandom.current()::nextDouble));
        if (delivery.expiredAt(next) && line.unpark(delivery)) {
            expire(line, delivery);
            return;
        }
        LOG.info(() -> delivery + ": attempt " + delivery.attempts() + " failed (" + reason + "); next try after "
                + next);
        wake(line);
    }

    /**
     * Sets aside a request the peer keeps dropping the connection on (it likely crashes on it), so the rest of its
     * queue can go: kept, in the store too, until an operator retries or drops it or it expires.
     */
    private void quarantine(PeerLine line, Delivery delivery, String reason) {
        setAside(line, delivery, reason);
        LOG.warning(() -> delivery + " quarantined: " + reason + "; the rest of the queue goes on; an operator can"
                + " retry or drop it (admin API /queue, console)");
        monitor.quarantined(delivery.peerDomain);
        storeQuarantine(delivery, reason);
        wake(line);
    }

    /** Off the line, with the reason, until an operator acts or it expires: then its originator gets 410. */
    private void setAside(PeerLine line, Delivery delivery, String reason) {
        delivery.failedWith(StatusCode.UNABLE_TO_DELIVER, reason);
        delivery.quarantine(reason);
        line.quarantine(delivery, clock.instant());
        expireQuarantined(line, delivery);
    }

    private void storeQuarantine(Delivery delivery, String reason) {
        try {
            store.quarantine(delivery.storedId, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, delivery + ": quarantine not stored; after a restart it is sent again", e);
        }
    }

    /** A quarantined request still expires: its originator then gets Status 410 with the reason. */
    private void expireQuarantined(PeerLine line, Delivery delivery) {
        long delay = Math.max(0, delivery.expiresAtMillis - clock.millis());
        try {
            scheduler.schedule(() -> {
                if (line.unquarantine(delivery)) {
                    expire(line, delivery);
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> delivery + ": expiry not scheduled (stopping); it stays stored");
        }
    }

    /** The quarantined, then parked, requests of a peer, oldest first, for the operator. */
    public List<WaitingTransaction> waiting(String peerDomain, int limit) {
        PeerLine line = lines.get(key(peerDomain));
        return line == null ? List.of() : line.waiting(limit).stream().map(d -> new WaitingTransaction(
                d.transactionId, Primitives.nameOf(d.payload), d.attempts(), d.lastError(), d.expiresAt(),
                d.quarantineReason())).toList();
    }

    /** An operator sends a quarantined request again, with a fresh count of drops; false when there is none. */
    public boolean retryQuarantined(String peerDomain, String transactionId, String operator) {
        PeerLine line = lines.get(key(peerDomain));
        Delivery delivery = line == null ? null : line.unquarantine(transactionId);
        if (delivery == null) {
            return false;
        }
        LOG.warning(() -> "operator " + operator + " retries quarantined " + delivery);
        delivery.release();
        storeQuarantine(delivery, null);
        onWorkers(() -> dispatch(line, delivery));
        return true;
    }

    /** An operator gives up a quarantined or parked request: its originator gets Status 410; false when none. */
    public boolean drop(String peerDomain, String transactionId, String operator) {
        PeerLine line = lines.get(key(peerDomain));
        Delivery delivery = line == null ? null : line.takeWaiting(transactionId);
        if (delivery == null) {
            return false;
        }
        giveUp(line, delivery, StatusCode.UNABLE_TO_DELIVER, "dropped by operator " + operator
                + (delivery.quarantineReason() == null ? "" : " after " + delivery.quarantineReason()));
        return true;
    }

    /** Schedules the line's next probe at its retry time, unless one is scheduled already. */
    private void wake(PeerLine line) {
        line.scheduleWake(() -> scheduler.schedule(() -> probe(line),
                line.millisUntilRetry(clock.instant()), TimeUnit.MILLISECONDS));
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

    private void expire(PeerLine line, Delivery delivery) {
        boolean tried = delivery.attempts() > 0;
        giveUp(line, delivery, tried ? delivery.lastCode() : line.lastCode(), "not delivered to " + delivery.peerDomain
                + " after " + delivery.attempts() + " attempt(s); last error" + (tried ? "" : " on this peer") + ": "
                + (tried ? delivery.lastError() : line.lastError()));
    }

    private void giveUp(PeerLine line, Delivery delivery, StatusCode code, String reason) {
        LOG.warning(() -> delivery + " given up: " + reason);
        monitor.deliveryExpired(delivery.peerDomain);
        if (delivery.isStored()) {
            forget(delivery);
        }
        line.release();
        delivery.result.complete(new Reply.Failed(delivery.transactionId, code, reason));
    }

    /** Out of the outbox, soon (write-behind): if a crash comes first, the resend is answered by the peer's dedupe. */
    private void forget(Delivery delivery) {
        writes.delivered(delivery.storedId);
    }

    private void recover() {
        long after = 0;
        int recovered = 0;
        Map<String, Integer> disallowed = new java.util.TreeMap<>();
        try {
            for (List<OutboxRecord> page = store.undelivered(config.getDomain(), after, RECOVERY_PAGE); !page.isEmpty();
                 page = store.undelivered(config.getDomain(), after, RECOVERY_PAGE)) {
                for (OutboxRecord record : page) {
                    after = record.getId();
                    if (directory.find(record.getPeerDomain()).isEmpty()) {
                        // one line per peer below, not one per request: a removed peer may have had thousands
                        writes.delivered(record.getId());
                        disallowed.merge(record.getPeerDomain(), 1, Integer::sum);
                    } else {
                        recovered += recover(record) ? 1 : 0;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the outbox of " + config.getDomain() + " cannot be read; what it holds goes out"
                    + " after the next start", e);
        }
        if (!disallowed.isEmpty()) {
            LOG.warning(() -> "stored requests for peers no longer allowed removed, not sent: " + disallowed);
        }
        if (recovered > 0) {
            int count = recovered;
            LOG.info(() -> count + " undelivered request(s) of " + config.getDomain() + " found; sending them again");
            lines.values().forEach(this::wake);
        }
    }

    /** Parks one stored request on its peer's line; false when it cannot be read (it is removed). */
    private boolean recover(OutboxRecord record) {
        Transaction transaction;
        try {
            transaction = stored.decode(record.getMessage());
        } catch (MalformedMessageException e) {
            LOG.severe(() -> "stored txn " + record.getTransactionId() + " to " + record.getPeerDomain()
                    + " cannot be read (" + e.getMessage() + "); removed");
            store.dequeue(record.getId());
            return false;
        }
        PeerLine line = line(record.getPeerDomain());
        Delivery delivery = new Delivery(record.getId(), record.getId(), record.getPeerDomain(), record.getTransactionId(),
                Mode.REQUEST, transaction.getPayload(), null, Instant.ofEpochMilli(record.getExpiresAtMillis()),
                new CompletableFuture<>());
        line.reserveRecovered();
        delivery.result.thenAccept(reply -> LOG.fine(() -> "recovered " + delivery + ": " + reply.status().getCode()));
        if (record.getQuarantineReason() != null) {
            // set aside before the restart: it stays aside until an operator acts or it expires
            setAside(line, delivery, record.getQuarantineReason());
            return true;
        }
        // parked behind a probe: the peer has no session with this run, one handshake serves them all
        line.failed(delivery, StatusCode.PEER_UNREACHABLE, "recovered after a restart", clock.instant(),
                failures -> Duration.ZERO);
        return true;
    }

    private void execute(PeerLine line, Delivery delivery) {
        onWorkers(() -> attempt(line, delivery));
    }

    /**
     * Runs a delivery step on the outbound workers. When they and their queue are all taken (a queue of
     * thousands released at once), the step waits briefly on the scheduler and tries again: it is already
     * accepted, so it is delayed, never refused.
     */
    private void onWorkers(Runnable step) {
        try {
            workers.execute(step);
        } catch (RejectedExecutionException e) {
            scheduler.schedule(() -> onWorkers(step), WORKERS_BUSY_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private PeerLine line(String peerDomain) {
        return lines.computeIfAbsent(key(peerDomain), k -> new PeerLine(peerDomain, config.getMaxQueuedPerPeer()));
    }

    private static String key(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
