package org.openimps.ssp.session;

import org.openimps.ssp.wire.IdGrammar;

/**
 * The SSP header extensions (S-012) a setup message came with, for a federation check to report: the body is what
 * counts, the headers are hints, but a peer that writes them wrong is worth knowing about.
 *
 * @param transactionId {@code x-wv-transactionid}, or null when absent
 * @param sessionId     {@code x-wv-sessionid}, or null when absent (none is expected before the session exists)
 */
public record SetupHeaders(String transactionId, String sessionId) {
    /** Headers not known (a unit test's wire, or a caller that does not pass them). */
    public static final SetupHeaders NONE = new SetupHeaders(null, null);

    /** What the headers say of the message whose body has transaction id {@code bodyTxn}, in words. */
    String describe(String bodyTxn) {
        if (this == NONE) {
            return "";
        }
        String txn = transactionId == null ? "x-wv-transactionid missing (S-012 wants it)"
                : !IdGrammar.isAcceptable(transactionId) ? "x-wv-transactionid \"" + transactionId + "\" breaks the id grammar"
                : transactionId.equals(bodyTxn) ? "x-wv-transactionid as in the body"
                : "x-wv-transactionid " + transactionId + " differs from the body's " + bodyTxn;
        return "; headers: " + txn + (sessionId == null ? "" : ", x-wv-sessionid " + sessionId);
    }
}
