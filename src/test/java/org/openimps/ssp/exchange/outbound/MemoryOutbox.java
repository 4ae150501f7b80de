package org.openimps.ssp.exchange.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openimps.ssp.store.OutboxRecord;

/** The outbox port in memory: what the pipeline stores, removes and marks, for assertions. */
final class MemoryOutbox implements Outbox {
    private final TreeMap<Long, OutboxRecord> rows = new TreeMap<>();
    private long nextId = 1;

    @Override
    public synchronized List<Long> store(List<OutboxRecord> records) {
        List<Long> ids = new ArrayList<>();
        for (OutboxRecord record : records) {
            long id = nextId++;
            rows.put(id, record.stored(id, null));
            ids.add(id);
        }
        return ids;
    }

    @Override
    public synchronized void delivered(long id) {
        rows.remove(id);
    }

    @Override
    public synchronized void quarantine(long id, String reason) {
        rows.computeIfPresent(id, (k, row) -> row.stored(k, reason));
    }

    @Override
    public synchronized List<OutboxRecord> undelivered(String localDomain, long afterId, int limit) {
        return rows.tailMap(afterId, false).values().stream().filter(r -> r.getLocalDomain().equals(localDomain))
                .limit(limit).toList();
    }

    @Override
    public synchronized List<OutboxRecord> undeliveredTo(String localDomain, String peerDomain, long afterId, int limit) {
        return rows.tailMap(afterId, false).values().stream().filter(r -> r.getLocalDomain().equals(localDomain)
                && r.getPeerDomain().equalsIgnoreCase(peerDomain)).limit(limit).toList();
    }

    /** One node only: nothing is ever taken over. */
    @Override
    public List<OutboxRecord> claimed(String claim, long afterId, int limit) {
        return List.of();
    }

    synchronized Map<Long, OutboxRecord> rows() {
        return Map.copyOf(rows);
    }
}
