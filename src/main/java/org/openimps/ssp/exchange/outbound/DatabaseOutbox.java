package org.openimps.ssp.exchange.outbound;

import java.util.List;
import org.openimps.ssp.store.DurableStore;
import org.openimps.ssp.store.OutboxRecord;
import org.openimps.ssp.store.WriteBehind;

/**
 * The outbox in the domain's database, as this node's: what it stores is this node's to deliver. Removals go in
 * batches (write-behind): a crash first means a resend, which the peer's dedupe answers.
 */
final class DatabaseOutbox implements Outbox {
    private final DurableStore store;
    private final WriteBehind writes;
    private final String nodeId;

    DatabaseOutbox(DurableStore store, WriteBehind writes, String nodeId) {
        this.store = store;
        this.writes = writes;
        this.nodeId = nodeId;
    }

    @Override
    public List<Long> store(List<OutboxRecord> records) {
        return store.enqueue(records, nodeId);
    }

    @Override
    public void delivered(long id) {
        writes.delivered(id);
    }

    @Override
    public void quarantine(long id, String reason) {
        store.quarantine(id, reason);
    }

    @Override
    public List<OutboxRecord> undelivered(String localDomain, long afterId, int limit) {
        return store.undelivered(localDomain, nodeId, afterId, limit);
    }

    @Override
    public List<OutboxRecord> undeliveredTo(String localDomain, String peerDomain, long afterId, int limit) {
        return store.undeliveredTo(localDomain, nodeId, peerDomain, afterId, limit);
    }

    @Override
    public List<OutboxRecord> claimed(String claim, long afterId, int limit) {
        return store.claimed(claim, afterId, limit);
    }
}
