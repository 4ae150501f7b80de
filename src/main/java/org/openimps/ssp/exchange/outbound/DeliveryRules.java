package org.openimps.ssp.exchange.outbound;

import org.openimps.ssp.protocol.StatusCode;

/** What follows each outcome of a request's attempt. Plain: no I/O, no clock, no threads. */
final class DeliveryRules {
    /** Timeouts in a row after which the peer has likely lost the session. */
    static final int TIMEOUTS_BEFORE_NEW_SESSION = 2;
    private final int quarantineAfterDrops;

    DeliveryRules(int quarantineAfterDrops) {
        this.quarantineAfterDrops = quarantineAfterDrops;
    }

    /** Counts the outcome on the delivery, then decides. */
    Decision after(RequestDelivery delivery, Outcome outcome) {
        if (outcome instanceof Outcome.Answered answered) {
            return new Decision.Finish(answered.reply());
        }
        if (outcome instanceof Outcome.Dropped dropped) {
            int drops = delivery.drops();
            // the peer may also have restarted without our session: the next attempt starts a new one
            return drops >= quarantineAfterDrops
                    ? new Decision.Quarantine("the peer closed the connection without an answer " + drops
                            + " time(s) in a row when this request was POSTed (last: " + dropped.detail() + ")")
                    : new Decision.Retry(StatusCode.PEER_UNAVAILABLE, dropped.detail(), true);
        }
        if (outcome instanceof Outcome.Unreachable unreachable) {
            // a failed POST may mean the peer restarted and lost the session; a failed setup left none
            return new Decision.Retry(unreachable.code(), unreachable.detail(),
                    unreachable.code() == StatusCode.PEER_UNAVAILABLE);
        }
        if (outcome instanceof Outcome.TimedOut) {
            // Once: its host may be slow, or the answer got lost; resend in the same session (the peer's dedupe
            // answers again). Twice in a row: it has likely lost the session.
            delivery.timedOut();
            return new Decision.SendAgain(delivery.timeouts() >= TIMEOUTS_BEFORE_NEW_SESSION);
        }
        Outcome.Refused refused = (Outcome.Refused) outcome;
        return new Decision.GiveUp(refused.code(), refused.detail());
    }
}
