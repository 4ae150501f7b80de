package org.openimps.ssp.spi;

/**
 * Where an inbound primitive came from.
 *
 * @param peerDomain    the remote IMPS domain (authenticated by the session)
 * @param sessionId     our id of the session it travelled in
 * @param transactionId the peer's transaction id
 */
public record RemoteRequest(String peerDomain, String sessionId, String transactionId) {
}
