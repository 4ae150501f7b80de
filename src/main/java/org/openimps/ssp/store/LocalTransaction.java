package org.openimps.ssp.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Short local JDBC transactions on the container's datasource: each committed, or rolled back and thrown as a
 * {@link StoreException}. Local, not JTA: the store is the only resource in each call, so a JTA transaction added
 * only its own cost (ADR 0004). The database's dialect is read once, at the first transaction.
 */
final class LocalTransaction {
    private static final Logger LOG = Logger.getLogger(LocalTransaction.class.getName());

    private final Supplier<DataSource> dataSource;
    private volatile SqlDialect dialect;

    /** {@code dataSource} is read at each call: the beans that use this get theirs injected after construction. */
    LocalTransaction(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** A unit of work on one connection, told which SQL dialect the database speaks. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, SqlDialect dialect) throws SQLException;
    }

    <T> T run(Work<T> work) {
        try (Connection connection = dataSource.get().getConnection()) {
            SqlDialect known = dialect;
            if (known == null) {
                known = SqlDialect.of(connection.getMetaData());
                dialect = known;
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection, known);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("SSP store: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            LOG.log(Level.FINE, "SSP store rollback failed", e);
        }
    }
}
