package org.openimps.ssp.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * An inbound request we took, keyed by (local domain, peer domain, transaction id), with a fingerprint of the
 * request and, once the host answered, the answer: a resend gets the stored answer instead of a second
 * delivery to the host.
 */
@Entity
@Table(name = "SSP_INBOUND",
        uniqueConstraints = @UniqueConstraint(name = "SSP_INBOUND_KEY", columnNames = {"LOCAL_DOMAIN", "PEER_DOMAIN", "TXN_ID"}),
        indexes = @Index(name = "SSP_INBOUND_AGE", columnList = "LOCAL_DOMAIN, RECEIVED_AT"))
public class InboundRecord extends PeerTransactionRecord {
    @Id
    @SequenceGenerator(name = "SSP_INBOUND_SEQ", sequenceName = "SSP_INBOUND_SEQ", allocationSize = ID_BLOCK)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SSP_INBOUND_SEQ")
    @Column(name = "ID")
    private Long id;
    /** The session it first came in: another request under the same id in that session is refused. */
    @Column(name = "SESSION_ID", nullable = false, length = 255)
    private String sessionId;
    /** SHA-256 of the request primitive: only the same request is a resend. */
    @Column(name = "FINGERPRINT", nullable = false, length = 64)
    private String fingerprint;
    @Column(name = "RECEIVED_AT", nullable = false)
    private long receivedAtMillis;
    /** The host's answer as an SSP message with a placeholder session, or null while the host works on it. */
    @Column(name = "ANSWER", length = StoreLimits.MAX_MESSAGE_BYTES)
    private byte[] answer;

    protected InboundRecord() {
        // for JPA
    }

    public InboundRecord(String localDomain, String peerDomain, String transactionId, String sessionId,
                         String fingerprint, long receivedAtMillis) {
        super(localDomain, peerDomain, transactionId);
        this.sessionId = sessionId;
        this.fingerprint = fingerprint;
        this.receivedAtMillis = receivedAtMillis;
    }

    public Long getId() {
        return id;
    }

    public String getSessionId() {
        return sessionId;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    /** The stored answer, or null while the request is being handled. */
    public byte[] getAnswer() {
        return answer == null ? null : answer.clone();
    }

    void restart(String newSessionId, String newFingerprint, long newReceivedAtMillis) {
        this.sessionId = newSessionId;
        this.fingerprint = newFingerprint;
        this.receivedAtMillis = newReceivedAtMillis;
        this.answer = null;
    }

    void setAnswer(byte[] value) {
        this.answer = value.clone();
    }
}
