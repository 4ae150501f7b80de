package org.openimps.ssp.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Creates the module's tables, sequences and indexes when they are missing, at deployment start, the same on
 * both servers. The statements are deploy/postgresql/schema.sql, the file operators run by hand (the build copies
 * it next to this class), so there is one DDL; idempotent ({@code IF NOT EXISTS}, understood by H2 and PostgreSQL).
 */
@ApplicationScoped
public class Schema {
    private static final Logger LOG = Logger.getLogger(Schema.class.getName());
    /** The binary type as the file writes it (PostgreSQL's), replaced by the database's own. */
    private static final String BINARY = "BYTEA";
    private static final int ATTEMPTS = 5;
    private static final long RETRY_PAUSE_MILLIS = 200;

    // Sequences start at their increment: a value read is the end of a block of ID_BLOCK ids (IdBlock).

    /** The statements of schema.sql, comments removed, in order. */
    static List<String> statements() {
        try (InputStream in = Schema.class.getResourceAsStream("schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("schema.sql is not packaged next to " + Schema.class.getName());
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
            return Arrays.stream(sql.split(";")).map(String::strip).filter(st -> !st.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("schema.sql cannot be read", e);
        }
    }

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    protected Schema() {
        // for CDI; the datasource is injected
    }

    public Schema(DataSource dataSource) {
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
            for (String ddl : statements()) {
                statement.execute(ddl.replace(BINARY, dialect.binaryType()));
            }
            LOG.fine(() -> "SSP tables present (" + dialect + ")");
        }
    }
}
