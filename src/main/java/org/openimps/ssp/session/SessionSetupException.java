package org.openimps.ssp.session;

/** Session establishment with a peer failed; the message says why (never a secret). */
public class SessionSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SessionSetupException(String message) {
        super(message);
    }

    public SessionSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
