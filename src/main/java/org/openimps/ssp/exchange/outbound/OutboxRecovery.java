package org.openimps.ssp.exchange.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
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
        recover(after -> outbox.undelivered(localDomain, after, PAGE), "undelivered request(s) of " + localDomain, true);
    }

    /** After a takeover: the rows that {@code claim} gave this node. */
    void recoverClaim(String claim) {
        // all held in memory: taken-over rows interleave with this node's by id, and a refill reads only rows after
        // the line's last one, so it would miss those left in the table
        recover(after -> outbox.claimed(claim, after, PAGE), "request(s) taken over by " + claim, false);
    }

    /**
     * As a line drains: reads the next page of the requests that wait in the outbox only (beyond what a line holds,
     * see {@code maxQueuedPerPeer}) back onto it, in order, behind one probe.
     */
    void refill(PeerLine line) {
        long after = line.startRefill();
        if (after < 0) {
            return;
        }
        try {
            List<OutboxRecord> page = outbox.undeliveredTo(localDomain, line.peerDomain, after, line.refillRoom());
            List<OutboxRecord> readable = new ArrayList<>(page.size());
            List<RequestDelivery> back = new ArrayList<>(page.size());
            for (OutboxRecord record : page) {
                RequestDelivery delivery = delivery(record);
                if (delivery != null) {
                    readable.add(record);
                    back.add(delivery);
                }
            }
            // an empty page: the sends counted are not committed yet, and the next place given back reads them
            line.refilled(page.size(), back.size(), page.isEmpty() ? after : page.get(page.size() - 1).getId());
            for (int i = 0; i < back.size(); i++) {
                place(line, back.get(i), readable.get(i).getQuarantineReason());
            }
            if (!back.isEmpty()) {
                engine.wake(line);
            }
            LOG.fine(() -> back.size() + " request(s) to " + line.peerDomain + " read back from the outbox");
        } catch (RuntimeException e) {
            line.refillEnded();
            LOG.log(Level.WARNING, "requests to " + line.peerDomain + " waiting in the outbox cannot be read now", e);
        }
    }

    private void recover(LongFunction<List<OutboxRecord>> pages, String what, boolean bounded) {
        long after = 0;
        int recovered = 0;
        int overflow = 0;
        Map<String, Integer> disallowed = new TreeMap<>();
        try {
            for (List<OutboxRecord> page = pages.apply(after); !page.isEmpty(); page = pages.apply(after)) {
                for (OutboxRecord record : page) {
                    after = record.getId();
                    if (directory.find(record.getPeerDomain()).isEmpty()) {
                        // one line per peer below, not one per request: a removed peer may have had thousands
                        outbox.delivered(record.getId());
                        disallowed.merge(record.getPeerDomain(), 1, Integer::sum);
                    } else if (bounded && lines.line(record.getPeerDomain()).overflowsOnRecovery()) {
                        overflow++; // left in the table; read back in order as the line drains
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
            int left = overflow;
            LOG.info(() -> count + " " + what + " found; sending them again" + (left > 0 ? "; " + left
                    + " more wait in the outbox, beyond what the peers' lines hold" : ""));
            lines.all().forEach(engine::wake);
        }
    }

    /** Parks one stored request on its peer's line; false when it cannot be read (it is removed). */
    private boolean recover(OutboxRecord record) {
        RequestDelivery delivery = delivery(record);
        if (delivery == null) {
            return false;
        }
        PeerLine line = lines.reserveRecovered(record.getPeerDomain());
        line.holding(record.getId());
        place(line, delivery, record.getQuarantineReason());
        return true;
    }

    /** A stored request as a delivery nobody waits for; null when it cannot be read (it is removed). */
    private RequestDelivery delivery(OutboxRecord record) {
        Transaction transaction;
        try {
            transaction = stored.decode(record.getMessage());
        } catch (MalformedMessageException e) {
            LOG.severe(() -> "stored txn " + record.getTransactionId() + " to " + record.getPeerDomain()
                    + " cannot be read (" + e.getMessage() + "); removed");
            outbox.delivered(record.getId());
            return null;
        }
        RequestDelivery delivery = new RequestDelivery(record.getId(), record.getPeerDomain(), record.getTransactionId(),
                transaction.getPayload(), Instant.ofEpochMilli(record.getExpiresAtMillis()), new CompletableFuture<>());
        delivery.result.thenAccept(reply -> LOG.fine(() -> "read back " + delivery + ": " + reply.status().getCode()));
        return delivery;
    }

    /** Parks it behind a probe, or sets it aside again when it was quarantined (until an operator acts or it expires). */
    private void place(PeerLine line, RequestDelivery delivery, String quarantineReason) {
        if (quarantineReason != null) {
            engine.setAside(line, delivery, quarantineReason);
        } else {
            engine.parkRecovered(line, delivery);
        }
    }
}
