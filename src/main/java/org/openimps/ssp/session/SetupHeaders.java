package org.openimps.ssp.session;

import org.openimps.ssp.wire.IdGrammar;

/**
 * How a setup message came, for a federation check to report: the SSP header extensions (S-012; the body is what
 * counts, the headers are hints, but a peer that writes them wrong is worth knowing about), and where from and to
 * (which of our URLs the peer found, the other direction of federation).
 *
 * @param transactionId {@code x-wv-transactionid}, or null when absent
 * @param sessionId     {@code x-wv-sessionid}, or null when absent (none is expected before the session exists)
 * @param remoteAddress the TCP peer it came from, or null when not known
 * @param requestUrl    the URL it was posted to, or null when not known
 */
public record SetupHeaders(String transactionId, String sessionId, String remoteAddress, String requestUrl) {
    /** Headers not known (a unit test's wire, or a caller that does not pass them). */
    public static final SetupHeaders NONE = new SetupHeaders(null, null, null, null);

    /** The header extensions alone. */
    public SetupHeaders(String transactionId, String sessionId) {
        this(transactionId, sessionId, null, null);
    }

    /** What the headers say of the message whose body has transaction id {@code bodyTxn}, in words. */
    String describe(String bodyTxn) {
        if (this == NONE) {
            return "";
        }
        String txn = transactionId == null ? "x-wv-transactionid missing (S-012 wants it)"
                : !IdGrammar.isAcceptable(transactionId) ? "x-wv-transactionid \"" + transactionId + "\" breaks the id grammar"
                : transactionId.equals(bodyTxn) ? "x-wv-transactionid as in the body"
                : "x-wv-transactionid " + transactionId + " differs from the body's " + bodyTxn;
        return "; headers: " + txn + (sessionId == null ? "" : ", x-wv-sessionid " + sessionId)
                + (requestUrl == null ? "" : "; posted to " + requestUrl + (remoteAddress == null ? ""
                        : " from " + remoteAddress));
    }
}
