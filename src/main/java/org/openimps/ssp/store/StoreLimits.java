package org.openimps.ssp.store;

/** Column sizes of the durable tables. */
public final class StoreLimits {
    /** Largest stored SSP message, bytes: above any {@code maxBodyBytes} a peer would take. */
    public static final int MAX_MESSAGE_BYTES = 1_048_576;

    private StoreLimits() {
    }
}
