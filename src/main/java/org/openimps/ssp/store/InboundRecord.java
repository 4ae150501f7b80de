package org.openimps.ssp.store;

/**
 * An inbound request we took (table {@code SSP_INBOUND}), keyed by (local domain, peer domain, transaction
 * id), with a fingerprint of the request and, once the host answered, the answer: a resend gets the stored
 * answer instead of a second delivery to the host.
 */
public class InboundRecord extends PeerTransactionRecord {
    /** The session it first came in: another request under the same id in that session is refused. */
    private final String sessionId;
    /** SHA-256 of the request primitive: only the same request is a resend. */
    private final String fingerprint;
    private final long receivedAtMillis;
    /** The host's answer as an SSP message with a placeholder session, or null while the host works on it. */
    private final byte[] answer;

    public InboundRecord(String localDomain, String peerDomain, String transactionId, String sessionId,
                         String fingerprint, long receivedAtMillis) {
        this(null, localDomain, peerDomain, transactionId, sessionId, fingerprint, receivedAtMillis, null);
    }

    /** A stored row; takes {@code answer} as is. */
    InboundRecord(Long id, String localDomain, String peerDomain, String transactionId, String sessionId,
                  String fingerprint, long receivedAtMillis, byte[] answer) {
        super(id, localDomain, peerDomain, transactionId);
        this.sessionId = sessionId;
        this.fingerprint = fingerprint;
        this.receivedAtMillis = receivedAtMillis;
        this.answer = answer;
    }

    public String getSessionId() {
        return sessionId;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public long getReceivedAtMillis() {
        return receivedAtMillis;
    }

    /** The stored answer, or null while the request is being handled. */
    public byte[] getAnswer() {
        return answer == null ? null : answer.clone();
    }
}
