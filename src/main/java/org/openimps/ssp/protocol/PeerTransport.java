package org.openimps.ssp.protocol;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one SSP message to a peer as an HTTP POST. The HTTP binding implements it with the Jersey client over
 * pipelined connections; unit tests connect two nodes in memory.
 */
public interface PeerTransport {

    /**
     * POSTs and returns once the peer's (empty) HTTP reply came: for the setup messages, whose first may be
     * redirected.
     *
     * @return the URL that accepted the POST: the target, or where a permitted redirect led
     */
    URI post(OutboundPost post) throws TransportException;

    /**
     * POSTs without waiting: the stage completes with the target once the peer's empty 2xx came, or exceptionally
     * with a {@link TransportException}; a redirect is a failure here. No thread waits for the answer, so many
     * POSTs may be in flight on one connection (pipelining).
     */
    default CompletableFuture<URI> postAsync(OutboundPost post) {
        try {
            return CompletableFuture.completedFuture(post(post));
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Why a POST did not reach the peer or was not accepted by it. */
    class TransportException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean unanswered;

        public TransportException(String message, Throwable cause) {
            this(message, cause, false);
        }

        /**
         * @param unanswered the peer took the connection and the POST, then closed the connection without an HTTP
         *                   answer: what a peer does that crashes on a message (as opposed to a refused connection)
         */
        public TransportException(String message, Throwable cause, boolean unanswered) {
            super(message, cause);
            this.unanswered = unanswered;
        }

        public TransportException(String message) {
            this(message, null, false);
        }

        /** True when the connection died after the POST was written, with no HTTP answer. */
        public boolean unanswered() {
            return unanswered;
        }
    }
}
