package org.openimps.ssp.exchange.outbound;

import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;

/** What one attempt to deliver a request came to: the input of {@link DeliveryRules}. */
sealed interface Outcome {

    /** The peer's SSP response arrived. */
    record Answered(Reply.Answered reply) implements Outcome {
    }

    /** The POST was written and the connection died without an HTTP answer (a peer that crashes on it). */
    record Dropped(String detail) implements Outcome {
    }

    /** No session could be had, or the POST did not reach the peer or was refused by it. */
    record Unreachable(StatusCode code, String detail) implements Outcome {
    }

    /** The peer took the POST and sent no response within the transaction timeout. */
    record TimedOut() implements Outcome {
    }

    /** Refused here before the peer saw it (e.g. the bound on pending transactions). */
    record Refused(StatusCode code, String detail) implements Outcome {
    }

    /**
     * The outcome a reply stands for: a failed reply is this module's (the correlation store's timeout, or the
     * failed POST it was told of), never the peer's.
     */
    static Outcome of(Reply reply, boolean postDropped) {
        if (reply instanceof Reply.Answered answered) {
            return new Answered(answered);
        }
        Reply.Failed failed = (Reply.Failed) reply;
        if (failed.code() == StatusCode.TIMEOUT) {
            return new TimedOut();
        }
        if (failed.code() == StatusCode.PEER_UNAVAILABLE) {
            return postDropped ? new Dropped(failed.detail()) : new Unreachable(failed.code(), failed.detail());
        }
        return new Refused(failed.code(), failed.detail());
    }
}
