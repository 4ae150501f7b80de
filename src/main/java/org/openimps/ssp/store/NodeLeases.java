package org.openimps.ssp.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The nodes of a domain that share one database (table {@code SSP_NODE}): each renews its lease; a live node takes
 * over the outbox rows of a node whose lease ran out. A takeover is one SQL transaction that first deletes the
 * dead node's lease row, only if it is still stale: of two live nodes that try at once, the database lets exactly
 * one delete it (the other waits for the row lock, then finds it gone) and only that one moves the rows.
 */
@ApplicationScoped
public class NodeLeases {

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;
    private final LocalTransaction transactions = new LocalTransaction(() -> dataSource);

    protected NodeLeases() {
        // for CDI; the datasource is injected
    }

    public NodeLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A node's lease as stored. */
    public record Lease(String nodeId, String incarnation, String url, long renewedAtMillis) {

        /** Whether this lease of length {@code lease} still holds at {@code nowMillis}: the one rule for "live". */
        public boolean holdsAt(long nowMillis, Duration lease) {
            return renewedAtMillis >= nowMillis - lease.toMillis();
        }
    }

    /**
     * Renews (or first writes) the node's lease.
     *
     * @return the lease it replaced: empty when there was none (first start, or another node took this node's rows
     *     over while it did not renew); another incarnation's when a previous run, or another node with the same id,
     *     renewed it last
     */
    public Optional<Lease> renew(String localDomain, Lease lease) {
        return transactions.run((connection, dialect) -> {
            Optional<Lease> before = find(connection, localDomain, lease.nodeId());
            String sql = before.isPresent()
                    ? "UPDATE SSP_NODE SET INCARNATION = ?, URL = ?, RENEWED_AT = ? WHERE LOCAL_DOMAIN = ? AND NODE_ID = ?"
                    : "INSERT INTO SSP_NODE (INCARNATION, URL, RENEWED_AT, LOCAL_DOMAIN, NODE_ID) VALUES (?, ?, ?, ?, ?)";
            try (PreparedStatement write = connection.prepareStatement(sql)) {
                write.setString(1, lease.incarnation());
                write.setString(2, lease.url());
                write.setLong(3, lease.renewedAtMillis());
                write.setString(4, localDomain);
                write.setString(5, lease.nodeId());
                write.executeUpdate();
            }
            return before;
        });
    }

    /** How many sessions a node holds with a peer domain, as the node last published it. */
    public record PeerSessions(String nodeId, String peerDomain, int sessions) {
    }

    /**
     * Replaces what {@code nodeId} published of its sessions with {@code sessionsByPeer} (peer domain to the sessions
     * it holds with it), so that every node can tell the operator where each peer's sessions are.
     */
    public void publishSessions(String localDomain, String nodeId, Map<String, Integer> sessionsByPeer) {
        transactions.run((connection, dialect) -> {
            forgetSessions(connection, localDomain, nodeId);
            if (sessionsByPeer.isEmpty()) {
                return 0;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO SSP_NODE_SESSION (LOCAL_DOMAIN,"
                    + " NODE_ID, PEER_DOMAIN, SESSIONS) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, Integer> peer : sessionsByPeer.entrySet()) {
                    insert.setString(1, localDomain);
                    insert.setString(2, nodeId);
                    insert.setString(3, peer.getKey());
                    insert.setInt(4, peer.getValue());
                    insert.addBatch();
                }
                return insert.executeBatch().length;
            }
        });
    }

    private static void forgetSessions(Connection connection, String localDomain, String nodeId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM SSP_NODE_SESSION WHERE LOCAL_DOMAIN = ? AND NODE_ID = ?")) {
            delete.setString(1, localDomain);
            delete.setString(2, nodeId);
            delete.executeUpdate();
        }
    }

    /** What every node of the domain last published of its sessions, by peer domain, then node. */
    public List<PeerSessions> sessions(String localDomain) {
        return rowsOf(localDomain, "SELECT NODE_ID, PEER_DOMAIN, SESSIONS FROM SSP_NODE_SESSION WHERE LOCAL_DOMAIN = ?"
                + " ORDER BY PEER_DOMAIN, NODE_ID", row -> new PeerSessions(row.getString(1), row.getString(2),
                row.getInt(3)));
    }

    /** Every node of the domain with its last renewal, by node id. */
    public List<Lease> nodes(String localDomain) {
        return rowsOf(localDomain, "SELECT NODE_ID, INCARNATION, URL, RENEWED_AT FROM SSP_NODE WHERE LOCAL_DOMAIN = ?"
                + " ORDER BY NODE_ID", NodeLeases::lease);
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Every row of a query whose one parameter is the local domain. */
    private <T> List<T> rowsOf(String localDomain, String sql, RowReader<T> reader) {
        return transactions.run((connection, dialect) -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, localDomain);
                List<T> out = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        out.add(reader.read(row));
                    }
                }
                return out;
            }
        });
    }

    /** A lease from a row of NODE_ID, INCARNATION, URL, RENEWED_AT. */
    private static Lease lease(ResultSet row) throws SQLException {
        return new Lease(row.getString(1), row.getString(2), row.getString(3), row.getLong(4));
    }

    /**
     * Takes over the outbox rows of {@code deadNode} for {@code self} if its lease was last renewed before
     * {@code staleBeforeMillis}, marking them with {@code claim} ({@link DurableStore#claimed} reads them back).
     *
     * @return how many rows were taken over; empty when the lease was renewed meanwhile or another node won
     */
    public Optional<Integer> claim(String localDomain, String deadNode, long staleBeforeMillis, String self, String claim) {
        return transactions.run((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM SSP_NODE WHERE LOCAL_DOMAIN = ? AND NODE_ID = ? AND RENEWED_AT < ?")) {
                delete.setString(1, localDomain);
                delete.setString(2, deadNode);
                delete.setLong(3, staleBeforeMillis);
                if (delete.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            forgetSessions(connection, localDomain, deadNode); // its sessions died with it
            return Optional.of(moveRows(connection, localDomain, deadNode, self, claim));
        });
    }

    /** Gives rows written before nodes existed (no owner) to {@code self}, as a claim; returns how many. */
    public int claimUnowned(String localDomain, String self, String claim) {
        return transactions.run((connection, dialect) -> moveRows(connection, localDomain, null, self, claim));
    }

    /** Gives the outbox rows of node {@code from} (null: of no node) to {@code self}, marked with {@code claim}. */
    private static int moveRows(Connection connection, String localDomain, String from, String self,
                                String claim) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement("UPDATE SSP_OUTBOX SET OWNER_NODE = ?,"
                + " TAKEN_FROM = ? WHERE LOCAL_DOMAIN = ? AND " + (from == null ? "OWNER_NODE IS NULL" : "OWNER_NODE = ?"))) {
            move.setString(1, self);
            move.setString(2, claim);
            move.setString(3, localDomain);
            if (from != null) {
                move.setString(4, from);
            }
            return move.executeUpdate();
        }
    }

    /**
     * Claims the establishment of a session with {@code peerDomain} for {@code node}: true when no other node
     * holds a claim made at or after {@code staleBeforeMillis} (a lapsed one is replaced; this node's own is renewed).
     */
    public boolean claimSetup(String localDomain, String peerDomain, String node, long nowMillis, long staleBeforeMillis) {
        return transactions.run((connection, dialect) -> {
            try (PreparedStatement take = connection.prepareStatement("UPDATE SSP_SETUP SET NODE_ID = ?, CLAIMED_AT = ?"
                    + " WHERE LOCAL_DOMAIN = ? AND PEER_DOMAIN = ? AND (NODE_ID = ? OR CLAIMED_AT < ?)")) {
                take.setString(1, node);
                take.setLong(2, nowMillis);
                take.setString(3, localDomain);
                take.setString(4, peerDomain);
                take.setString(5, node);
                take.setLong(6, staleBeforeMillis);
                if (take.executeUpdate() > 0) {
                    return true;
                }
            }
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM SSP_SETUP WHERE LOCAL_DOMAIN = ? AND PEER_DOMAIN = ?")) {
                exists.setString(1, localDomain);
                exists.setString(2, peerDomain);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO SSP_SETUP (LOCAL_DOMAIN,"
                    + " PEER_DOMAIN, NODE_ID, CLAIMED_AT) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, localDomain);
                insert.setString(2, peerDomain);
                insert.setString(3, node);
                insert.setLong(4, nowMillis);
                insert.executeUpdate(); // a rival's insert of the same key fails this transaction: not claimed
                return true;
            }
        });
    }

    /** Gives a setup claim back, if this node still holds it. */
    public void releaseSetup(String localDomain, String peerDomain, String node) {
        transactions.run((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM SSP_SETUP WHERE LOCAL_DOMAIN = ? AND PEER_DOMAIN = ? AND NODE_ID = ?")) {
                delete.setString(1, localDomain);
                delete.setString(2, peerDomain);
                delete.setString(3, node);
                return delete.executeUpdate();
            }
        });
    }

    /** The lease of the node holding a claim on {@code peerDomain} made at or after {@code staleBeforeMillis}. */
    public Optional<Lease> setupHolder(String localDomain, String peerDomain, long staleBeforeMillis) {
        return transactions.run((connection, dialect) -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT N.NODE_ID, N.INCARNATION, N.URL,"
                    + " N.RENEWED_AT FROM SSP_SETUP S JOIN SSP_NODE N ON N.LOCAL_DOMAIN = S.LOCAL_DOMAIN AND"
                    + " N.NODE_ID = S.NODE_ID WHERE S.LOCAL_DOMAIN = ? AND S.PEER_DOMAIN = ? AND S.CLAIMED_AT >= ?")) {
                query.setString(1, localDomain);
                query.setString(2, peerDomain);
                query.setLong(3, staleBeforeMillis);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(lease(row)) : Optional.empty();
                }
            }
        });
    }

    private static Optional<Lease> find(Connection connection, String localDomain, String nodeId)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT NODE_ID, INCARNATION, URL, RENEWED_AT"
                + " FROM SSP_NODE WHERE LOCAL_DOMAIN = ? AND NODE_ID = ? FOR UPDATE")) {
            query.setString(1, localDomain);
            query.setString(2, nodeId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(lease(row)) : Optional.empty();
            }
        }
    }
}
