package org.openimps.ssp.spi;

/**
 * Where an inbound primitive came from.
 *
 * @param peerDomain    the remote IMPS domain (authenticated by the session)
 * @param sessionId     our id of the session it travelled in
 * @param transactionId the peer's transaction id
 * @param redelivered   true when this request may have reached the host before: the node that first took it
 *                      stopped (a crash, a kill) before the host's answer was stored, and the peer's resend is handed
 *                      over again. A host that must not act twice checks (peerDomain, transactionId).
 */
public record RemoteRequest(String peerDomain, String sessionId, String transactionId, boolean redelivered) {

    /** A request handed to the host for the first time. */
    public RemoteRequest(String peerDomain, String sessionId, String transactionId) {
        this(peerDomain, sessionId, transactionId, false);
    }
}
