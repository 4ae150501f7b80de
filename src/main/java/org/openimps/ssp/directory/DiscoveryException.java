package org.openimps.ssp.directory;

/** A peer's endpoints could not be found: no SRV records, a DNS failure, or a domain we may not look up. */
public class DiscoveryException extends Exception {
    private static final long serialVersionUID = 1L;

    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
