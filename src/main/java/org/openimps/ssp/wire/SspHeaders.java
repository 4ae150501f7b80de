package org.openimps.ssp.wire;

/** HTTP header extensions of the SSP binding (spec 5.6). */
public final class SspHeaders {
    public static final String TRANSACTION_ID = "x-wv-transactionid";
    public static final String SESSION_ID = "x-wv-sessionid";

    private SspHeaders() {
    }
}
