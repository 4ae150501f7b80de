package org.openimps.ssp.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openimps.ssp.monitor.TransactionRecord.Direction;

/** The last {@link #CAPACITY} transactions, newest first; a response updates its request's record. */
public final class TransactionLog {
    static final int CAPACITY = 200;

    private final Map<Key, TransactionRecord> records = new LinkedHashMap<>(CAPACITY * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TransactionRecord> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized void started(Direction direction, String peer, String txn, String primitive, Instant at) {
        records.put(new Key(direction, peer, txn), new TransactionRecord(txn, peer, direction, primitive, at, null, null, null));
    }

    public synchronized void answered(Direction direction, String peer, String txn, String answer, int status, Instant at) {
        records.computeIfPresent(new Key(direction, peer, txn), (k, r) -> r.answeredWith(answer, status, at));
    }

    public synchronized List<TransactionRecord> newestFirst() {
        List<TransactionRecord> out = new ArrayList<>(records.values());
        java.util.Collections.reverse(out);
        return out;
    }

    private record Key(Direction direction, String peer, String txn) {
    }
}
