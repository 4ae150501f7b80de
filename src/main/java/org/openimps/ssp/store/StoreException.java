package org.openimps.ssp.store;

/** The datasource refused a read or write of the store; the transaction it was part of was rolled back. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
