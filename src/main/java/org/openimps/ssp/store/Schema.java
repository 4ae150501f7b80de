package org.openimps.ssp.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates the module's tables, sequences and indexes when they are missing, at deployment start, the same on
 * both servers. Idempotent ({@code IF NOT EXISTS}, understood by H2 and PostgreSQL); deploy/postgresql/schema.sql
 * holds the same statements for operators who create schemas by hand.
 */
@ApplicationScoped
public class Schema {
    private static final Logger LOG = Logger.getLogger(Schema.class.getName());
    private static final String BINARY = "@BINARY@";
    private static final int ATTEMPTS = 5;
    private static final long RETRY_PAUSE_MILLIS = 200;
    private static final List<String> DDL = List.of(
            "CREATE SEQUENCE IF NOT EXISTS SSP_OUTBOX_SEQ START WITH " + PeerTransactionRecord.ID_BLOCK + " INCREMENT BY " + PeerTransactionRecord.ID_BLOCK,
            "CREATE TABLE IF NOT EXISTS SSP_OUTBOX (ID BIGINT NOT NULL PRIMARY KEY, LOCAL_DOMAIN VARCHAR(255) NOT NULL,"
                    + " PEER_DOMAIN VARCHAR(255) NOT NULL, TXN_ID VARCHAR(128) NOT NULL, MESSAGE " + BINARY + " NOT NULL,"
                    + " CREATED_AT BIGINT NOT NULL, EXPIRES_AT BIGINT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS SSP_OUTBOX_OWNER ON SSP_OUTBOX (LOCAL_DOMAIN, ID)",
            // why a request was set aside (the peer dropped the connection on it time after time), null while it goes
            "ALTER TABLE SSP_OUTBOX ADD COLUMN IF NOT EXISTS QUARANTINED VARCHAR(" + OutboxRecord.MAX_REASON + ")",
            "CREATE SEQUENCE IF NOT EXISTS SSP_INBOUND_SEQ START WITH " + PeerTransactionRecord.ID_BLOCK + " INCREMENT BY " + PeerTransactionRecord.ID_BLOCK,
            "CREATE TABLE IF NOT EXISTS SSP_INBOUND (ID BIGINT NOT NULL PRIMARY KEY, LOCAL_DOMAIN VARCHAR(255) NOT NULL,"
                    + " PEER_DOMAIN VARCHAR(255) NOT NULL, TXN_ID VARCHAR(128) NOT NULL, SESSION_ID VARCHAR(255) NOT NULL,"
                    + " FINGERPRINT VARCHAR(64) NOT NULL, RECEIVED_AT BIGINT NOT NULL, ANSWER " + BINARY + ","
                    + " CONSTRAINT SSP_INBOUND_KEY UNIQUE (LOCAL_DOMAIN, PEER_DOMAIN, TXN_ID))",
            "CREATE INDEX IF NOT EXISTS SSP_INBOUND_AGE ON SSP_INBOUND (LOCAL_DOMAIN, RECEIVED_AT)");

    // Sequences start at their increment: a value read is the end of a block of ID_BLOCK ids (IdBlock).

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    protected Schema() {
        // for CDI; the datasource is injected
    }

    Schema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs the DDL. Deployments starting at once race on the same statements, and PostgreSQL's
     * {@code CREATE ... IF NOT EXISTS} is not safe against that (a duplicate key in its catalog): a failed pass
     * is repeated a few times, after the other deployment's statement has committed.
     *
     * @throws IllegalStateException when the datasource cannot be used: the deployment must not start without it
     */
    public void install() {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                run();
                return;
            } catch (SQLException e) {
                last = e;
                LOG.fine(() -> "SSP DDL attempt failed: " + e.getMessage());
                pause(attempt * RETRY_PAUSE_MILLIS);
            }
        }
        throw new IllegalStateException("SSP tables cannot be created on java:comp/DefaultDataSource: "
                + last.getMessage(), last);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            SqlDialect dialect = SqlDialect.of(connection.getMetaData());
            for (String ddl : DDL) {
                statement.execute(ddl.replace(BINARY, dialect.binaryType()));
            }
            LOG.fine(() -> "SSP tables present (" + dialect + ")");
        }
    }
}
