package org.openimps.ssp.protocol;

import java.net.URI;

/**
 * Sends one SSP message to a peer as an HTTP POST and returns once the peer's (empty) HTTP reply came.
 * The HTTP binding implements it with the Jersey client; unit tests connect two nodes in memory.
 */
public interface PeerTransport {

    /** @return the URL that accepted the POST: the target, or where a permitted redirect led */
    URI post(OutboundPost post) throws TransportException;

    /** Why a POST did not reach the peer or was not accepted by it. */
    class TransportException extends Exception {
        private static final long serialVersionUID = 1L;

        public TransportException(String message, Throwable cause) {
            super(message, cause);
        }

        public TransportException(String message) {
            super(message);
        }
    }
}
