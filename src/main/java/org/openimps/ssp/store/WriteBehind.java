package org.openimps.ssp.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.runtime.Ssp;

/**
 * The writes that may lag: removing delivered requests from the outbox and storing the host's answers for
 * resends. They are collected and applied every {@value #PERIOD_MILLIS} ms in one transaction, because one
 * transaction each cost more than the rest of an SSP transaction (bench profile). Losing a batch in a crash
 * is safe: a request still in the outbox is sent again and the peer's dedupe answers it; a missing answer
 * makes a resend wait for the peer's expiry instead of being answered. Bounded: past
 * {@value #MAX_WAITING} waiting writes the writer that adds one applies them itself.
 */
@ApplicationScoped
public class WriteBehind {
    private static final Logger LOG = Logger.getLogger(WriteBehind.class.getName());
    private static final long PERIOD_MILLIS = 100;
    private static final int MAX_WAITING = 10_000;

    private final ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
    /** Answers not yet written; readable meanwhile, so a resend right after the answer still gets it. */
    private final Map<Long, byte[]> answers = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private DurableStore store;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> flusher;

    protected WriteBehind() {
        // for the CDI client proxy
    }

    @Inject
    public WriteBehind(DurableStore store, @Ssp ScheduledExecutorService scheduler) {
        this.store = store;
        this.scheduler = scheduler;
    }

    @PostConstruct
    void start() {
        flusher = scheduler.scheduleWithFixedDelay(this::flush, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** After the delivery queue stopped: what is waiting is written before the beans go. */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(4) @BeforeDestroyed(ApplicationScoped.class)
                Object event) {
        flusher.cancel(false);
        flush();
    }

    /** The request with this outbox id was delivered or given up. */
    public void delivered(long outboxId) {
        delivered.add(outboxId);
        added();
    }

    /** The host's answer (a stored SSP message) to the inbound request with this record id. */
    public void answered(long recordId, byte[] answer) {
        answers.put(recordId, answer);
        added();
    }

    /** The answer to this inbound record if it is still waiting to be written. */
    public Optional<byte[]> unwrittenAnswer(long recordId) {
        return Optional.ofNullable(answers.get(recordId));
    }

    private void added() {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            flush();
        }
    }

    /** Applies everything waiting in one transaction; on failure the writes are dropped, with a log line. */
    public synchronized void flush() {
        List<Long> ids = new ArrayList<>();
        Map<Long, byte[]> answered = new HashMap<>();
        for (Long id; (id = delivered.poll()) != null; ) {
            ids.add(id);
        }
        answered.putAll(answers);
        if (ids.isEmpty() && answered.isEmpty()) {
            return;
        }
        waiting.addAndGet(-(ids.size() + answered.size()));
        try {
            store.apply(ids, answered);
        } catch (RuntimeException e) {
            // see the class comment: a lost removal means a resend the peer dedupes, a lost answer a slower resend
            LOG.log(Level.WARNING, ids.size() + " outbox removal(s) and " + answered.size()
                    + " stored answer(s) not written", e);
        } finally {
            answered.forEach(answers::remove);
        }
    }
}
