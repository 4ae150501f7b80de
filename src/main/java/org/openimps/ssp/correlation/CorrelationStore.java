package org.openimps.ssp.correlation;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;

/**
 * Transactions we sent and whose response has not come yet. An entry is registered <em>before</em> the
 * request is POSTed (the response may overtake the HTTP reply), completed by the inbound response, failed
 * with 504 when its timeout passes, and refused with 503 when {@code maxPendingTransactions} are waiting.
 */
@ApplicationScoped
public class CorrelationStore {
    private static final Logger LOG = Logger.getLogger(CorrelationStore.class.getName());
    private static final long SWEEP_PERIOD_MILLIS = 200;

    private final Map<PendingKey, Entry> pending = new ConcurrentHashMap<>();
    private final DeadlineBuckets deadlines = new DeadlineBuckets(SWEEP_PERIOD_MILLIS);
    private final AtomicInteger size = new AtomicInteger();
    private int maxPending;
    private Duration timeout;
    private Clock clock;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> sweeper;

    protected CorrelationStore() {
        // for the CDI client proxy
    }

    @Inject
    public CorrelationStore(SspConfig config, Clock clock, @Ssp ScheduledExecutorService scheduler) {
        this(config.maxPendingTransactions(), config.transactionTimeout(), clock);
        this.scheduler = scheduler;
    }

    /** A store without its own sweeper: the caller calls {@link #expire()}. */
    public CorrelationStore(int maxPending, Duration timeout, Clock clock) {
        this.maxPending = maxPending;
        this.timeout = timeout;
        this.clock = clock;
    }

    @PostConstruct
    void startSweeper() {
        if (scheduler != null) {
            sweeper = scheduler.scheduleWithFixedDelay(this::expire, SWEEP_PERIOD_MILLIS, SWEEP_PERIOD_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Fails everything still waiting, so no caller hangs across an undeploy. */
    @PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        pending.keySet().forEach(key -> fail(key, StatusCode.SERVICE_UNAVAILABLE, "module stopped"));
    }

    /**
     * Registers a transaction about to be sent; {@code onOutcome} is called exactly once, with the peer's answer
     * or a {@link Reply.Failed}, on the thread that settles it. Cheaper than a stage: nothing else is allocated
     * per pending transaction.
     *
     * @return false when refused at the bound ({@code onOutcome} has then been called with 503)
     */
    public boolean register(PendingKey key, Consumer<Reply> onOutcome) {
        if (size.incrementAndGet() > maxPending) {
            size.decrementAndGet();
            LOG.warning(() -> "pending transactions at bound " + maxPending + "; refusing txn "
                    + key.transactionId() + " to " + key.peerDomain());
            onOutcome.accept(new Reply.Failed(key.transactionId(), StatusCode.SERVICE_UNAVAILABLE,
                    "too many pending transactions"));
            return false;
        }
        Entry entry = new Entry(onOutcome);
        if (pending.putIfAbsent(key, entry) != null) {
            size.decrementAndGet();
            throw new IllegalStateException("transaction registered twice: " + key);
        }
        entry.bucket = deadlines.add(key, clock.millis() + timeout.toMillis());
        if (entry.bucket == DeadlineBuckets.SWEPT) {
            timedOut(key); // this thread stalled past the timeout between the clock and the sweep
        }
        return true;
    }

    /** Completes the transaction with the peer's response; false when nothing waits for it. */
    public boolean complete(PendingKey key, Object responsePayload) {
        Entry entry = remove(key);
        if (entry == null) {
            return false;
        }
        entry.onOutcome.accept(new Reply.Answered(key.transactionId(), responsePayload));
        return true;
    }

    /** Fails the transaction locally (transport error, handshake failure); false when nothing waits for it. */
    public boolean fail(PendingKey key, StatusCode code, String detail) {
        Entry entry = remove(key);
        if (entry == null) {
            return false;
        }
        entry.onOutcome.accept(new Reply.Failed(key.transactionId(), code, detail));
        return true;
    }

    /** Pending transactions per peer domain, for the admin API. */
    public java.util.Map<String, Long> sizeByPeer() {
        return pending.keySet().stream().collect(java.util.stream.Collectors.groupingBy(PendingKey::peerDomain,
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    public int size() {
        return size.get();
    }

    /** Keys waiting for their deadline: the pending ones only, answered ones leave at once. */
    int trackedDeadlines() {
        return deadlines.size();
    }

    /** Fails every entry whose timeout has passed with 504. */
    public void expire() {
        deadlines.due(clock.millis()).forEach(this::timedOut);
    }

    private void timedOut(PendingKey key) {
        Entry entry = pending.remove(key);
        if (entry == null) {
            return; // answered or failed meanwhile
        }
        size.decrementAndGet();
        LOG.info(() -> "txn " + key.transactionId() + " to " + key.peerDomain() + " session " + key.sessionId()
                + " timed out after " + timeout.toMillis() + " ms");
        entry.onOutcome.accept(new Reply.Failed(key.transactionId(), StatusCode.TIMEOUT,
                "no response within " + timeout.toSeconds() + " s"));
    }

    private Entry remove(PendingKey key) {
        Entry entry = pending.remove(key);
        if (entry != null) {
            size.decrementAndGet();
            deadlines.remove(key, entry.bucket);
        }
        return entry;
    }

    /** The waiting caller: one small object per pending transaction (with its key and map node). */
    private static final class Entry {
        final Consumer<Reply> onOutcome;
        /** Its deadline's bucket; written once, right after the entry is published. */
        volatile long bucket;

        Entry(Consumer<Reply> onOutcome) {
            this.onOutcome = onOutcome;
        }
    }
}
