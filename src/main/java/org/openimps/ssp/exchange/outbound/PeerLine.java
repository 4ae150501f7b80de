package org.openimps.ssp.exchange.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import org.openimps.ssp.protocol.StatusCode;

/**
 * One peer's delivery state. Up: deliveries go at once. Down (after a failure): new and failed deliveries
 * park in order; when the backoff passes, the oldest goes alone as a probe, and the first POST the peer
 * takes brings the line up and releases the rest in order. Any inbound traffic from the peer ends the
 * backoff at once. A request the peer keeps dropping the connection on is set aside (quarantined) until an
 * operator retries or drops it, or it expires, so the rest of the line can go.
 * Bounded: at most {@code maxOutstanding} deliveries accepted and not finished, quarantined ones included.
 */
final class PeerLine {
    final String peerDomain;
    private final int maxOutstanding;
    private final TreeMap<Long, Delivery> parked = new TreeMap<>();
    private final TreeMap<Long, RequestDelivery> quarantined = new TreeMap<>();
    private int outstanding;
    /** Consecutive failed probes; 0 while up. */
    private int failures;
    /** When the next probe may go; null while up. */
    private Instant retryAt;
    private boolean probing;
    private ScheduledFuture<?> wake;
    private String lastError;
    private StatusCode lastCode = StatusCode.PEER_UNAVAILABLE;
    /** When a sweep first found the line holding nothing since the last delivery left it; null otherwise. */
    private Instant idleSince;
    /** Evicted while idle: it takes nothing more (the peer gets a new line). */
    private boolean retired;
    /**
     * This peer's requests stored in the outbox and not held here (over {@code maxOutstanding}); while there are
     * any, every new one joins them, so the line keeps the order they were accepted in.
     */
    private long overflow;
    /** The highest outbox id of this peer's requests held here or read back: overflow rows come after it. */
    private long loadedUpTo;
    /** A page of overflow rows is being read back. */
    private boolean refilling;

    PeerLine(String peerDomain, int maxOutstanding) {
        this.peerDomain = peerDomain;
        this.maxOutstanding = maxOutstanding;
    }

    /**
     * Takes a place for a new delivery; false at the bound, while requests wait in the outbox only (they go
     * first), or when retired (see {@link #isRetired}).
     */
    synchronized boolean reserve() {
        return take(overflow == 0);
    }

    /**
     * Takes a place for a response to the peer's request: also while requests wait in the outbox only, since
     * responses have no order with our requests; false at the bound or when retired.
     */
    synchronized boolean reserveResponse() {
        return take(true);
    }

    private boolean take(boolean allowed) {
        if (!allowed || retired || outstanding >= maxOutstanding) {
            return false;
        }
        outstanding++;
        return true;
    }

    /**
     * A place for a delivery recovered from the store: taken even beyond the bound, nothing stored is dropped;
     * false only when retired.
     */
    synchronized boolean reserveRecovered() {
        if (retired) {
            return false;
        }
        outstanding++;
        return true;
    }

    /** Counts a new request that waits in the outbox only; false when retired or {@code maxStored} are there. */
    synchronized boolean reserveOverflow(long maxStored) {
        if (retired || outstanding + overflow >= maxStored) {
            return false;
        }
        overflow++;
        return true;
    }

    /** A request counted by {@link #reserveOverflow} was not stored after all. */
    synchronized void overflowNotStored() {
        overflow = Math.max(0, overflow - 1);
    }

    /** A request of this peer held here was stored under {@code id}. */
    synchronized void holding(long id) {
        loadedUpTo = Math.max(loadedUpTo, id);
    }

    /**
     * Starts reading overflow rows back when there are some, none is being read, and at most half the bound is
     * held: returns the id they come after, or -1.
     */
    synchronized long startRefill() {
        if (overflow == 0 || refilling || outstanding > maxOutstanding / 2 || retired) {
            return -1;
        }
        refilling = true;
        return loadedUpTo;
    }

    /** Places for the rows a refill read back (taken beyond nothing: at most half the bound was held). */
    synchronized int refillRoom() {
        return Math.max(1, maxOutstanding - outstanding);
    }

    /**
     * A refill read {@code read} rows, the last with {@code lastId}, of which {@code held} are held here now (the
     * others could not be read and were removed). The count is exact: a row is counted when its send is accepted
     * and uncounted only here or when its store failed.
     */
    synchronized void refilled(int read, int held, long lastId) {
        overflow = Math.max(0, overflow - read);
        loadedUpTo = Math.max(loadedUpTo, lastId);
        outstanding += held;
        refilling = false;
        idleSince = null;
    }

    /** A refill failed (the outbox could not be read): the next one tries again. */
    synchronized void refillEnded() {
        refilling = false;
    }

    /** At start: a stored request of this peer read back beyond the bound stays in the outbox only. */
    synchronized boolean overflowsOnRecovery() {
        if (overflow > 0 || outstanding >= maxOutstanding) {
            overflow++;
            return true;
        }
        return false;
    }

    synchronized long overflow() {
        return overflow;
    }

    synchronized void release() {
        outstanding = Math.max(0, outstanding - 1);
        idleSince = null; // a delivery just left: the idle time counts from the next sweep
    }

    synchronized boolean isRetired() {
        return retired;
    }

    /**
     * Retires the line if it holds nothing (no delivery outstanding, parked or set aside, not backing off) and has
     * been so since the sweep before: the first look at an empty line marks it, the second retires it.
     */
    synchronized boolean retireIfIdle(Instant now, java.time.Duration idle) {
        if (outstanding > 0 || overflow > 0 || !parked.isEmpty() || !quarantined.isEmpty() || retryAt != null
                || wake != null) {
            idleSince = null;
            return false;
        }
        if (idleSince == null) {
            idleSince = now;
            return false;
        }
        retired = !now.isBefore(idleSince.plus(idle));
        return retired;
    }

    /** Send while the line is up; otherwise the delivery is parked, in order. */
    synchronized Decision admit(Delivery delivery) {
        if (retryAt == null) {
            return new Decision.Send();
        }
        parked.put(delivery.order, delivery);
        return new Decision.Park();
    }

    /**
     * Records a failed attempt and parks the delivery. Only the failure that takes the line down and a failed
     * probe lengthen the backoff: the many transactions in flight when a peer dies count as one failure.
     *
     * @return when the next probe may go
     */
    synchronized Instant failed(Delivery delivery, StatusCode code, String reason, Instant now,
                                Function<Integer, Duration> backoff) {
        lastCode = code;
        lastError = reason;
        if (retryAt == null || probing) {
            failures++;
            probing = false;
            retryAt = now.plus(backoff.apply(failures));
        }
        parked.put(delivery.order, delivery);
        return retryAt;
    }

    /**
     * Sets a delivery aside; the line probes again at once with the next parked one, since it was this message,
     * not the peer, that failed.
     */
    synchronized void quarantine(RequestDelivery delivery, Instant now) {
        parked.remove(delivery.order, delivery);
        quarantined.put(delivery.order, delivery);
        probing = false;
        if (retryAt != null) {
            retryAt = now;
        }
    }

    /** Takes a quarantined delivery out by transaction id (to retry or drop it); null when there is none. */
    synchronized RequestDelivery unquarantine(String transactionId) {
        RequestDelivery found = find(quarantined, transactionId);
        if (found != null) {
            quarantined.remove(found.order);
        }
        return found;
    }

    /** Takes a quarantined or parked request out by transaction id (to drop it); null when there is none. */
    synchronized RequestDelivery takeWaiting(String transactionId) {
        RequestDelivery found = unquarantine(transactionId);
        if (found == null && find(parked, transactionId) instanceof RequestDelivery request) {
            parked.remove(request.order);
            found = request;
        }
        return found;
    }

    /** Takes a quarantined delivery out if it is still quarantined (its expiry); false otherwise. */
    synchronized boolean unquarantine(RequestDelivery delivery) {
        return quarantined.remove(delivery.order, delivery);
    }

    /** The first {@code limit} quarantined, then parked, deliveries, oldest first (for the operator). */
    synchronized List<Delivery> waiting(int limit) {
        List<Delivery> out = new ArrayList<>();
        quarantined.values().stream().limit(limit).forEach(out::add);
        parked.values().stream().limit(Math.max(0, limit - out.size())).forEach(out::add);
        return out;
    }

    private static <D extends Delivery> D find(TreeMap<Long, D> in, String transactionId) {
        return in.values().stream().filter(d -> d.transactionId.equals(transactionId)).findFirst().orElse(null);
    }

    /** Takes a parked delivery out (to give it up); false when it was not parked. */
    synchronized boolean unpark(Delivery delivery) {
        return parked.remove(delivery.order, delivery);
    }

    /** A delivery got through: the line is up and every parked delivery is released, oldest first. */
    synchronized List<Delivery> succeeded() {
        failures = 0;
        retryAt = null;
        probing = false;
        List<Delivery> released = new ArrayList<>(parked.values());
        parked.clear();
        return released;
    }

    /** Inbound traffic from the peer: it is back, probe now. */
    synchronized boolean peerSeen(Instant now) {
        if (retryAt == null || probing) {
            return false;
        }
        failures = 0;
        retryAt = now;
        return true;
    }

    /** The probe to send now (removed from the parked ones), or null; parked deliveries past {@code now}'s
     *  expiry are moved to {@code expired}. */
    synchronized Delivery probe(Instant now, List<Delivery> expired) {
        wake = null;
        parked.values().removeIf(d -> {
            if (d.expiredAt(now)) {
                expired.add(d);
                return true;
            }
            return false;
        });
        if (retryAt == null || probing || parked.isEmpty() || now.isBefore(retryAt)) {
            return null;
        }
        probing = true;
        return parked.pollFirstEntry().getValue();
    }

    /** Remembers the scheduled probe; false when one is already scheduled or running (no second one). */
    synchronized boolean scheduleWake(java.util.function.Supplier<ScheduledFuture<?>> schedule) {
        if (wake != null || probing || retryAt == null || parked.isEmpty()) {
            return false;
        }
        wake = schedule.get();
        return true;
    }

    /** The last failure on this line, for deliveries that expire parked without an attempt of their own. */
    synchronized StatusCode lastCode() {
        return lastCode;
    }

    synchronized String lastError() {
        return lastError;
    }

    synchronized Instant retryAt() {
        return retryAt;
    }

    /** Everything parked or quarantined, removed (shutdown). */
    synchronized List<Delivery> drain() {
        if (wake != null) {
            wake.cancel(false);
            wake = null;
        }
        List<Delivery> all = new ArrayList<>(quarantined.values());
        all.addAll(parked.values());
        parked.clear();
        quarantined.clear();
        return all;
    }

    synchronized QueueState snapshot() {
        return new QueueState(peerDomain, retryAt == null, outstanding, parked.size(), quarantined.size(), failures,
                retryAt, lastError, parked.isEmpty() ? null : parked.firstEntry().getValue().expiresAt(), overflow);
    }

    /** Milliseconds until the next probe may go (0 when due). */
    synchronized long millisUntilRetry(Instant now) {
        return retryAt == null ? 0 : Math.max(0, Duration.between(now, retryAt).toMillis());
    }
}
