package org.openimps.ssp.exchange.inbound;

import org.openimps.ssp.exchange.StoredTransactions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.store.DurableStore;
import org.openimps.ssp.store.GroupCommit;
import org.openimps.ssp.store.InboundRecord;
import org.openimps.ssp.store.StoreLimits;
import org.openimps.ssp.store.WriteBehind;
import org.openimps.ssp.wire.MalformedMessageException;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.Transaction;

/**
 * Remembers inbound requests for {@code dedupeWindowSeconds}, durably, keyed by (peer domain, transaction id): a
 * resend (a peer whose response timed out, or that re-sends its queue after our restart) gets the stored
 * answer and never reaches the host twice. A resend is the same id with the same request (fingerprint), in any
 * session. The same id with another request is refused in the same session (a forged or broken id) and is a
 * new transaction in another session (a peer that counts ids per session).
 */
@ApplicationScoped
public class InboundDedupe {
    private static final Logger LOG = Logger.getLogger(InboundDedupe.class.getName());
    private static final long SWEEP_PERIOD_SECONDS = 60;
    /** Most admissions in one commit. */
    private static final int ADMIT_BATCH = 200;

    /** What to do with an inbound request. */
    public sealed interface Admission {
        /**
         * Hand it to the host, then {@link #answered}: the first time, or again ({@code redelivered}) when its first
         * handling was lost with its node.
         */
        record Fresh(long recordId, boolean redelivered) implements Admission {
            Fresh(long recordId) {
                this(recordId, false);
            }
        }

        /** Seen and answered: send this stored answer again. */
        record Repeat(Object answer) implements Admission {
        }

        /** Seen and still with the host: its answer goes out when ready; drop the resend. */
        record Busy() implements Admission {
        }

        /** The id was used for another request in the same session: answer 400, never deliver it. */
        record Conflict() implements Admission {
        }

        /** The store cannot be read or written: answer 503, the peer resends later. */
        record Unavailable(String reason) implements Admission {
        }
    }

    private String localDomain;
    private long windowMillis;
    /** A request with no answer this long after it came was lost with the node handling it: a resend takes it over. */
    private long abandonedAfterMillis;
    private DurableStore store;
    /** Admissions that arrive while one commits share the next commit. */
    private GroupCommit<InboundRecord, DurableStore.Admitted> admissions;
    private WriteBehind writes;
    private StoredTransactions stored;
    private Clock clock;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> sweeper;

    protected InboundDedupe() {
        // for the CDI client proxy
    }

    @Inject
    public InboundDedupe(SspConfig config, DurableStore store, WriteBehind writes, SspCodec codec, Clock clock,
                         @Ssp ScheduledExecutorService scheduler, Monitor monitor) {
        this.localDomain = config.domain();
        this.abandonedAfterMillis = config.transactionTimeout().toMillis();
        this.windowMillis = config.dedupeWindow().toMillis();
        this.store = store;
        this.admissions = new GroupCommit<>(store::admit, ADMIT_BATCH, config.maxQueuedInbound());
        monitor.counter("ssp_store_inbound_commits_total", "Commits that admitted inbound requests", admissions, GroupCommit::commits);
        monitor.counter("ssp_store_inbound_writes_total", "Inbound requests those commits admitted", admissions, GroupCommit::written);
        this.writes = writes;
        this.stored = new StoredTransactions(codec);
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @PostConstruct
    void startSweeper() {
        sweeper = scheduler.scheduleWithFixedDelay(this::forgetOld, SWEEP_PERIOD_SECONDS, SWEEP_PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        sweeper.cancel(false);
    }

    public Admission admit(PeerSession session, Transaction request) {
        String fingerprint = stored.fingerprint(request);
        try {
            DurableStore.Admitted admitted = admissions.write(new InboundRecord(localDomain, session.peerDomain(),
                    request.getTransactionId(), session.theirSessionId(), fingerprint, clock.millis()));
            InboundRecord record = admitted.record();
            if (admitted.fresh()) {
                return new Admission.Fresh(record.getId());
            }
            if (!record.getFingerprint().equals(fingerprint)) {
                if (record.getSessionId().equals(session.theirSessionId())) {
                    return new Admission.Conflict();
                }
                // the same id for another request in another session: a peer counting ids per session
                store.reuse(record.getId(), session.theirSessionId(), fingerprint, clock.millis());
                return new Admission.Fresh(record.getId());
            }
            byte[] answer = record.getAnswer() != null ? record.getAnswer() : writes.unwrittenAnswer(record.getId()).orElse(null);
            if (answer != null) {
                return new Admission.Repeat(stored.decode(answer).getPayload());
            }
            long now = clock.millis();
            if (now - record.getReceivedAtMillis() >= abandonedAfterMillis
                    && store.retake(record.getId(), record.getReceivedAtMillis(), session.theirSessionId(), now)) {
                // the peer resends after its own transaction timeout; no answer by then means the node that took
                // the request stopped before answering it (a crash, a kill): handle it here, at least once
                LOG.warning(() -> "txn " + request.getTransactionId() + " from " + session.peerDomain() + " came "
                        + (now - record.getReceivedAtMillis()) / 1000 + " s ago and was never answered (its node"
                        + " stopped mid-way); handing the resend to the host, marked redelivered");
                return new Admission.Fresh(record.getId(), true);
            }
            return new Admission.Busy();
        } catch (MalformedMessageException e) {
            return new Admission.Unavailable("stored answer unreadable: " + e.getMessage());
        } catch (RuntimeException e) {
            // a concurrent resend inserted the same key first, or the datasource is down
            LOG.log(Level.INFO, "dedupe of txn " + request.getTransactionId() + " from " + session.peerDomain() + " failed", e);
            return new Admission.Unavailable("dedupe store unavailable");
        }
    }

    /**
     * Stores the host's answer for resends: the message as it went on the wire, encoded once for both; a resend
     * reads only its transaction, and goes out in whatever session the resend came in.
     */
    public void answered(long recordId, String transactionId, byte[] bytes) {
        if (bytes.length > StoreLimits.MAX_MESSAGE_BYTES) {
            LOG.warning(() -> "answer to txn " + transactionId + " of " + bytes.length + " bytes not kept for resends");
            return;
        }
        writes.answered(recordId, bytes);
    }

    private void forgetOld() {
        try {
            int gone = store.forgetInbound(localDomain, clock.millis() - windowMillis);
            if (gone > 0) {
                LOG.fine(() -> gone + " inbound transaction records left the dedupe window");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dedupe records could not be purged", e);
        }
    }
}
