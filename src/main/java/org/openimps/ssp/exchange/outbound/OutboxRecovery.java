package org.openimps.ssp.exchange.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.exchange.StoredTransactions;
import org.openimps.ssp.store.OutboxRecord;
import org.openimps.ssp.wire.MalformedMessageException;
import org.openimps.ssp.wire.Transaction;

/**
 * What a previous run of this node left in the outbox, and what this node took over from a node whose lease ran
 * out, goes back on its peers' lines, read page by page.
 */
final class OutboxRecovery {
    private static final Logger LOG = Logger.getLogger(OutboxRecovery.class.getName());
    private static final int PAGE = 1_000;

    private final String localDomain;
    private final Outbox outbox;
    private final PeerDirectory directory;
    private final StoredTransactions stored;
    private final PeerLines lines;
    private final DeliveryEngine engine;

    OutboxRecovery(String localDomain, Outbox outbox, PeerDirectory directory, StoredTransactions stored,
                   PeerLines lines, DeliveryEngine engine) {
        this.localDomain = localDomain;
        this.outbox = outbox;
        this.directory = directory;
        this.stored = stored;
        this.lines = lines;
        this.engine = engine;
    }

    /** At start: this node's own rows. */
    void recover() {
        recover(after -> outbox.undelivered(localDomain, after, PAGE), "undelivered request(s) of " + localDomain);
    }

    /** After a takeover: the rows that {@code claim} gave this node. */
    void recoverClaim(String claim) {
        recover(after -> outbox.claimed(claim, after, PAGE), "request(s) taken over by " + claim);
    }

    private void recover(java.util.function.LongFunction<List<OutboxRecord>> pages, String what) {
        long after = 0;
        int recovered = 0;
        Map<String, Integer> disallowed = new TreeMap<>();
        try {
            for (List<OutboxRecord> page = pages.apply(after); !page.isEmpty(); page = pages.apply(after)) {
                for (OutboxRecord record : page) {
                    after = record.getId();
                    if (directory.find(record.getPeerDomain()).isEmpty()) {
                        // one line per peer below, not one per request: a removed peer may have had thousands
                        outbox.delivered(record.getId());
                        disallowed.merge(record.getPeerDomain(), 1, Integer::sum);
                    } else {
                        recovered += recover(record) ? 1 : 0;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the outbox (" + what + ") cannot be read; what it holds goes out after the next"
                    + " start", e);
        }
        if (!disallowed.isEmpty()) {
            LOG.warning(() -> "stored requests for peers no longer allowed removed, not sent: " + disallowed);
        }
        if (recovered > 0) {
            int count = recovered;
            LOG.info(() -> count + " " + what + " found; sending them again");
            lines.all().forEach(engine::wake);
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
            outbox.delivered(record.getId());
            return false;
        }
        PeerLine line = lines.reserveRecovered(record.getPeerDomain());
        RequestDelivery delivery = new RequestDelivery(record.getId(), record.getPeerDomain(), record.getTransactionId(),
                transaction.getPayload(), Instant.ofEpochMilli(record.getExpiresAtMillis()), new CompletableFuture<>());
        delivery.result.thenAccept(reply -> LOG.fine(() -> "recovered " + delivery + ": " + reply.status().getCode()));
        if (record.getQuarantineReason() != null) {
            // set aside before the restart: it stays aside until an operator acts or it expires
            engine.setAside(line, delivery, record.getQuarantineReason());
        } else {
            engine.parkRecovered(line, delivery);
        }
        return true;
    }
}
