package org.openimps.ssp.store;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** The little SQL that differs between the databases the store runs on: H2 (the default) and PostgreSQL. */
enum SqlDialect {
    /** H2 and other databases that speak the standard's {@code NEXT VALUE FOR}. */
    STANDARD("VARBINARY(" + StoreLimits.MAX_MESSAGE_BYTES + ")", "SELECT NEXT VALUE FOR %s"),
    POSTGRESQL("BYTEA", "SELECT nextval('%s')");

    private final String binaryType;
    private final String nextValue;

    SqlDialect(String binaryType, String nextValue) {
        this.binaryType = binaryType;
        this.nextValue = nextValue;
    }

    static SqlDialect of(DatabaseMetaData database) throws SQLException {
        return database.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : STANDARD;
    }

    /** The column type of a stored SSP message. */
    String binaryType() {
        return binaryType;
    }

    /** A query whose one row and column is the sequence's next value. */
    String nextValue(String sequence) {
        return nextValue.formatted(sequence);
    }
}
