package org.openimps.ssp.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The outbound queue and the dedupe records in plain JDBC on the container's default datasource, one short
 * local transaction per call (ADR 0004: through JPA, the ORM was a quarter of the server's CPU in the bench).
 * Callers run on managed threads outside any JTA transaction; a failure surfaces as a {@link StoreException}
 * after the call's transaction was rolled back.
 */
@ApplicationScoped
public class DurableStore {
    private static final String OUTBOX_INSERTED = "ID, LOCAL_DOMAIN, PEER_DOMAIN, TXN_ID, MESSAGE, CREATED_AT, EXPIRES_AT, OWNER_NODE";
    private static final String OUTBOX_COLUMNS = "ID, LOCAL_DOMAIN, PEER_DOMAIN, TXN_ID, MESSAGE, CREATED_AT, EXPIRES_AT, QUARANTINED";
    private static final String INBOUND_COLUMNS = "ID, LOCAL_DOMAIN, PEER_DOMAIN, TXN_ID, SESSION_ID, FINGERPRINT, RECEIVED_AT, ANSWER";

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;
    private final IdBlock outboxIds = new IdBlock("SSP_OUTBOX_SEQ");
    private final IdBlock inboundIds = new IdBlock("SSP_INBOUND_SEQ");
    private final LocalTransaction transactions = new LocalTransaction(() -> dataSource);

    protected DurableStore() {
        // for CDI; the datasource is injected
    }

    public DurableStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores outbound requests as the node {@code owner}'s to deliver; returns their ids (the delivery order), in order. */
    public List<Long> enqueue(List<OutboxRecord> records, String owner) {
        return inTransaction((connection, dialect) -> {
            List<Long> ids = new ArrayList<>(records.size());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO SSP_OUTBOX (" + OUTBOX_INSERTED + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (OutboxRecord record : records) {
                    long id = bindNew(insert, outboxIds.next(connection, dialect), record);
                    insert.setBytes(5, record.messageForStore());
                    insert.setLong(6, record.getCreatedAtMillis());
                    insert.setLong(7, record.getExpiresAtMillis());
                    insert.setString(8, owner);
                    insert.addBatch();
                    ids.add(id);
                }
                insert.executeBatch();
            }
            return ids;
        });
    }

    /** Removes a delivered or given-up request; false when it was already gone. */
    public boolean dequeue(long id) {
        return inTransaction((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM SSP_OUTBOX WHERE ID = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /**
     * Sets a stored request aside with the reason, or (null) puts it back in the queue; it stays set aside across
     * restarts. False when the request is gone.
     */
    public boolean quarantine(long id, String reason) {
        return inTransaction((connection, dialect) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE SSP_OUTBOX SET QUARANTINED = ? WHERE ID = ?")) {
                update.setString(1, reason == null || reason.length() <= OutboxRecord.MAX_REASON ? reason
                        : reason.substring(0, OutboxRecord.MAX_REASON));
                update.setLong(2, id);
                return update.executeUpdate() > 0;
            }
        });
    }

    /** A page of the requests of the local domain that node {@code owner} delivers, oldest first, after {@code afterId}. */
    public List<OutboxRecord> undelivered(String localDomain, String owner, long afterId, int pageSize) {
        return outboxPage("LOCAL_DOMAIN = ? AND OWNER_NODE = ?", List.of(localDomain, owner), afterId, pageSize);
    }

    /** A page of this node's requests to one peer, oldest first, after {@code afterId}. */
    public List<OutboxRecord> undeliveredTo(String localDomain, String owner, String peerDomain, long afterId, int pageSize) {
        return outboxPage("LOCAL_DOMAIN = ? AND OWNER_NODE = ? AND PEER_DOMAIN = ?", List.of(localDomain, owner, peerDomain),
                afterId, pageSize);
    }

    /** A page of the requests one takeover ({@link NodeLeases#claim}) gave its node, oldest first, after {@code afterId}. */
    public List<OutboxRecord> claimed(String claim, long afterId, int pageSize) {
        return outboxPage("TAKEN_FROM = ?", List.of(claim), afterId, pageSize);
    }

    private List<OutboxRecord> outboxPage(String which, List<String> values, long afterId, int pageSize) {
        return inTransaction((connection, dialect) -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + OUTBOX_COLUMNS
                    + " FROM SSP_OUTBOX WHERE " + which + " AND ID > ? ORDER BY ID")) {
                for (int i = 0; i < values.size(); i++) {
                    query.setString(i + 1, values.get(i));
                }
                query.setLong(values.size() + 1, afterId);
                query.setMaxRows(pageSize);
                List<OutboxRecord> page = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        page.add(new OutboxRecord(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                                row.getBytes(5), row.getLong(6), row.getLong(7), row.getString(8)));
                    }
                }
                return page;
            }
        });
    }

    /**
     * In one transaction, for each candidate in order: the record of its inbound transaction if there is one
     * (stored before, or earlier in this list), else the candidate, now stored (the unique key makes a
     * concurrent duplicate from another writer fail the transaction).
     *
     * @return per candidate, the record and whether it is the candidate just stored
     */
    public List<Admitted> admit(List<InboundRecord> candidates) {
        return inTransaction((connection, dialect) -> {
            Map<List<String>, InboundRecord> known = new HashMap<>();
            List<Admitted> admitted = new ArrayList<>(candidates.size());
            try (PreparedStatement lookup = connection.prepareStatement("SELECT " + INBOUND_COLUMNS
                    + " FROM SSP_INBOUND WHERE LOCAL_DOMAIN = ? AND PEER_DOMAIN = ? AND TXN_ID = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO SSP_INBOUND (" + INBOUND_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
                boolean inserts = false;
                for (InboundRecord candidate : candidates) {
                    List<String> key = List.of(candidate.getLocalDomain(), candidate.getPeerDomain(), candidate.getTransactionId());
                    InboundRecord seen = known.containsKey(key) ? known.get(key) : stored(lookup, candidate);
                    if (seen == null) {
                        bindNew(insert, inboundIds.next(connection, dialect), candidate);
                        insert.setString(5, candidate.getSessionId());
                        insert.setString(6, candidate.getFingerprint());
                        insert.setLong(7, candidate.getReceivedAtMillis());
                        insert.addBatch();
                        inserts = true;
                        known.put(key, candidate);
                    }
                    admitted.add(seen == null ? new Admitted(candidate, true) : new Admitted(seen, false));
                }
                if (inserts) {
                    insert.executeBatch();
                }
            }
            return admitted;
        });
    }

    /**
     * One lookup per key, by all three columns of the unique key: H2 uses an index for an IN list only on the
     * index's first column, so one IN query over the transaction ids scanned every record of the peer. The
     * candidates of this batch are known in memory; their inserts go out as one batch after the lookups.
     */
    private static InboundRecord stored(PreparedStatement lookup, InboundRecord candidate) throws SQLException {
        setKey(lookup, 1, candidate);
        try (ResultSet row = lookup.executeQuery()) {
            return row.next() ? new InboundRecord(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getString(5), row.getString(6), row.getLong(7), row.getBytes(8)) : null;
        }
    }

    /** Gives {@code record} its new id and binds the id and the key as an insert's first four parameters. */
    private static long bindNew(PreparedStatement insert, long id, PeerTransactionRecord record) throws SQLException {
        record.assignId(id);
        insert.setLong(1, id);
        setKey(insert, 2, record);
        return id;
    }

    private static void setKey(PreparedStatement statement, int first, PeerTransactionRecord record) throws SQLException {
        statement.setString(first, record.getLocalDomain());
        statement.setString(first + 1, record.getPeerDomain());
        statement.setString(first + 2, record.getTransactionId());
    }

    /** What {@link #admit} found or stored. */
    public record Admitted(InboundRecord record, boolean fresh) {
    }

    /** Turns a record over to a new transaction that reuses the id (a peer counting ids per session). */
    public void reuse(long id, String sessionId, String fingerprint, long receivedAtMillis) {
        inTransaction((connection, dialect) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE SSP_INBOUND"
                    + " SET SESSION_ID = ?, FINGERPRINT = ?, RECEIVED_AT = ?, ANSWER = NULL WHERE ID = ?")) {
                update.setString(1, sessionId);
                update.setString(2, fingerprint);
                update.setLong(3, receivedAtMillis);
                update.setLong(4, id);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Takes over a record whose handling was lost (no answer long after it came: its node stopped mid-way), for
     * this resend; only if nobody took it over since {@code seenReceivedAtMillis}, so of resends on two nodes
     * at once exactly one handles it. False when another took it.
     */
    public boolean retake(long id, long seenReceivedAtMillis, String sessionId, long receivedAtMillis) {
        return inTransaction((connection, dialect) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE SSP_INBOUND SET SESSION_ID = ?,"
                    + " RECEIVED_AT = ? WHERE ID = ? AND RECEIVED_AT = ? AND ANSWER IS NULL")) {
                update.setString(1, sessionId);
                update.setLong(2, receivedAtMillis);
                update.setLong(3, id);
                update.setLong(4, seenReceivedAtMillis);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Many small writes in one transaction: delivered requests leave the outbox, answers join their records. */
    public void apply(List<Long> delivered, Map<Long, byte[]> answers) {
        inTransaction((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM SSP_OUTBOX WHERE ID = ?");
                 PreparedStatement answer = connection.prepareStatement("UPDATE SSP_INBOUND SET ANSWER = ? WHERE ID = ?")) {
                for (long id : delivered) {
                    delete.setLong(1, id);
                    delete.addBatch();
                }
                for (Map.Entry<Long, byte[]> entry : answers.entrySet()) {
                    answer.setBytes(1, entry.getValue());
                    answer.setLong(2, entry.getKey());
                    answer.addBatch();
                }
                if (!delivered.isEmpty()) {
                    delete.executeBatch();
                }
                if (!answers.isEmpty()) {
                    answer.executeBatch();
                }
            }
            return null;
        });
    }

    /** Forgets inbound records received before the window; returns how many. */
    public int forgetInbound(String localDomain, long receivedBeforeMillis) {
        return inTransaction((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM SSP_INBOUND WHERE LOCAL_DOMAIN = ? AND RECEIVED_AT < ?")) {
                delete.setString(1, localDomain);
                delete.setLong(2, receivedBeforeMillis);
                return delete.executeUpdate();
            }
        });
    }

    private <T> T inTransaction(LocalTransaction.Work<T> work) {
        return transactions.run(work);
    }
}
