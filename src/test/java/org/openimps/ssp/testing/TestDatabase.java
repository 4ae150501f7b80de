package org.openimps.ssp.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The two databases the store runs on, for tests that run once on each: in-memory H2 (what both servers embed)
 * and a real PostgreSQL ({@link TestPostgres}). Each {@link #fresh()} is a new empty database.
 */
public enum TestDatabase {
    H2 {
        @Override
        public DataSource fresh() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return h2;
        }
    },
    POSTGRESQL {
        @Override
        public DataSource fresh() {
            Assumptions.assumeTrue(TestPostgres.available(), "no PostgreSQL binaries on this machine");
            return TestPostgres.server().newDataSource("store");
        }
    };

    /** A new empty database; skips the test where this database cannot run here (see {@link TestPostgres}). */
    public abstract DataSource fresh();
}
