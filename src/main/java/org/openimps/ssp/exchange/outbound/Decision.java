package org.openimps.ssp.exchange.outbound;

import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;

/** What to do with a delivery, decided by {@link PeerLine} and {@link DeliveryRules}, carried out by the engine. */
sealed interface Decision {

    /** POST it now. */
    record Send() implements Decision {
    }

    /** Wait on its peer's line, in order, until a probe got through. */
    record Park() implements Decision {
    }

    /** The peer answered: out of the outbox, the answer to its originator. */
    record Finish(Reply reply) implements Decision {
    }

    /** Park and try again after the peer's backoff; {@code endSession}: the next attempt starts a new session. */
    record Retry(StatusCode code, String reason, boolean endSession) implements Decision {
    }

    /** Send it again now, same transaction id (the peer's dedupe answers again); {@code endSession} as above. */
    record SendAgain(boolean endSession) implements Decision {
    }

    /** Set it aside so the rest of the line can go, until an operator acts or it expires. */
    record Quarantine(String reason) implements Decision {
    }

    /** Out of the outbox, the Status to its originator. */
    record GiveUp(StatusCode code, String reason) implements Decision {
    }
}
