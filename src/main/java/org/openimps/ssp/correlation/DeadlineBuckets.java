package org.openimps.ssp.correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Pending keys grouped by the sweep at which their timeout passes. A key answered in time leaves its bucket at
 * once, so nothing of an answered transaction stays behind until its deadline: a queue of deadlines kept every
 * answered transaction's callback (and the delivery it captured) reachable for the whole timeout, and at load
 * those kilobytes per transaction filled the old generation (bench/README.md). Holds as many keys as are
 * pending, in at most timeout / period + 1 buckets.
 */
final class DeadlineBuckets {
    /** Returned by {@link #add} when the key's bucket was already swept: the caller expires it itself. */
    static final long SWEPT = Long.MIN_VALUE;

    private final long periodMillis;
    private final ConcurrentSkipListMap<Long, Bucket> buckets = new ConcurrentSkipListMap<>();

    DeadlineBuckets(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    /** Files {@code key} under the first sweep at or after {@code deadlineMillis}; returns that bucket, or {@link #SWEPT}. */
    long add(PendingKey key, long deadlineMillis) {
        long id = Math.floorDiv(deadlineMillis + periodMillis - 1, periodMillis);
        Bucket bucket = buckets.computeIfAbsent(id, i -> new Bucket());
        bucket.keys.add(key);
        // The sweep closes a bucket before it reads the keys: a key added after that read sees the flag here.
        return bucket.closed ? SWEPT : id;
    }

    void remove(PendingKey key, long bucketId) {
        Bucket bucket = buckets.get(bucketId);
        if (bucket != null) {
            bucket.keys.remove(key);
        }
    }

    /** Takes out every bucket whose sweep time has come and returns its keys. */
    List<PendingKey> due(long nowMillis) {
        List<PendingKey> due = new ArrayList<>();
        Map.Entry<Long, Bucket> first;
        while ((first = buckets.firstEntry()) != null && first.getKey() * periodMillis <= nowMillis) {
            Bucket bucket = first.getValue();
            if (buckets.remove(first.getKey(), bucket)) {
                bucket.closed = true;
                due.addAll(bucket.keys);
            }
        }
        return due;
    }

    /** Keys filed, for tests: pending ones only. */
    int size() {
        return buckets.values().stream().mapToInt(b -> b.keys.size()).sum();
    }

    private static final class Bucket {
        final Set<PendingKey> keys = ConcurrentHashMap.newKeySet();
        volatile boolean closed;
    }
}
