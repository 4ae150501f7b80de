package org.openimps.ssp.protocol;

import java.util.Objects;
import org.openimps.ssp.wire.Primitives;
import org.openimps.ssp.wire.Status;

/** What became of a request we sent to another domain. */
public sealed interface Reply {

    /** The transaction id we used; null when the request never got one (e.g. unknown domain). */
    String transactionId();

    /** The SSP status of the outcome. */
    Status status();

    /** The peer answered; {@code payload} is its response primitive (a wire class or a DOM element). */
    record Answered(String transactionId, Object payload) implements Reply {
        public Answered {
            Objects.requireNonNull(payload, "payload");
        }

        /** The status inside the response; responses without one (e.g. GetPresenceResponse) mean success. */
        @Override
        public Status status() {
            return ResponseStatus.of(payload);
        }

        public String primitive() {
            return Primitives.nameOf(payload);
        }
    }

    /**
     * Stored, not yet sent, and this stage will not hear the outcome: the peer's queue was over what this module
     * keeps in memory (while the peer was down), so the request waits in the outbox only and goes out in order
     * when the peer takes it again (IMPS 202, Accepted).
     */
    record Queued(String transactionId, String peerDomain) implements Reply {
        @Override
        public Status status() {
            return StatusCode.ACCEPTED.toStatus("stored; delivered to " + peerDomain + " in order when it takes it");
        }
    }

    /** No answer came from the peer: this module gives the reason as a status. */
    record Failed(String transactionId, StatusCode code, String detail) implements Reply {
        @Override
        public Status status() {
            return code.toStatus(detail);
        }
    }
}
