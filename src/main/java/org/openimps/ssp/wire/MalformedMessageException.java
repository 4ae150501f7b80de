package org.openimps.ssp.wire;

/** The bytes are not an SSP message we accept: not well-formed, a DTD, over a bound, or another root. */
public class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public MalformedMessageException(String reason) {
        super(reason);
    }
}
