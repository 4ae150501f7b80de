package org.openimps.ssp.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One short local JDBC transaction on the container's datasource: committed, or rolled back and thrown as a
 * {@link StoreException}. Local, not JTA: the store is the only resource in each call, so a JTA transaction added
 * only its own cost (ADR 0004).
 */
final class LocalTransaction {
    private static final Logger LOG = Logger.getLogger(LocalTransaction.class.getName());

    private LocalTransaction() {
    }

    /** A unit of work on one connection, told which SQL dialect the database speaks. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, SqlDialect dialect) throws SQLException;
    }

    static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect dialect = SqlDialect.of(connection.getMetaData());
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection, dialect);
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
