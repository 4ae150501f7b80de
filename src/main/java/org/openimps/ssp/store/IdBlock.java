package org.openimps.ssp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Row ids from a database sequence that advances by {@link PeerTransactionRecord#ID_BLOCK}: one sequence read
 * per block. A value read is the last id of its block, as the JPA providers used it before (rows they wrote
 * keep their ids, and servers sharing the table take disjoint blocks). Ids rise in the order they are taken,
 * which is the outbox's delivery order.
 */
final class IdBlock {
    private final String sequence;
    private long next = 1;
    private long last;

    IdBlock(String sequence) {
        this.sequence = sequence;
    }

    /** The next id, reading the sequence on {@code connection} when the block is used up. */
    synchronized long next(Connection connection, SqlDialect dialect) throws SQLException {
        if (next > last) {
            long high = read(connection, dialect);
            next = high - PeerTransactionRecord.ID_BLOCK + 1;
            last = high;
        }
        return next++;
    }

    private long read(Connection connection, SqlDialect dialect) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(dialect.nextValue(sequence));
             ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("sequence " + sequence + " gave no value");
            }
            return row.getLong(1);
        }
    }
}
