package org.openimps.ssp.exchange.outbound;

import java.util.List;
import org.openimps.ssp.store.OutboxRecord;

/** Where requests wait until their peer answered: the durable store, or memory in unit tests. */
interface Outbox {

    /** Stores the records in one commit; returns their ids (the delivery order), in order. */
    List<Long> store(List<OutboxRecord> records);

    /** The request was answered or given up: out of the outbox (possibly a little later, in a batch). */
    void delivered(long id);

    /** Marks a request set aside, with the reason, or back in the queue (null), so a restart keeps it so. */
    void quarantine(long id, String reason);

    /** This node's undelivered requests of the local domain after {@code afterId}, oldest first, at most {@code limit}. */
    List<OutboxRecord> undelivered(String localDomain, long afterId, int limit);

    /** This node's undelivered requests to one peer after {@code afterId}, oldest first, at most {@code limit}. */
    List<OutboxRecord> undeliveredTo(String localDomain, String peerDomain, long afterId, int limit);

    /** The requests one takeover of a dead node's rows gave this node, after {@code afterId}, oldest first. */
    List<OutboxRecord> claimed(String claim, long afterId, int limit);
}
