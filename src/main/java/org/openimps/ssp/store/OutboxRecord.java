package org.openimps.ssp.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * An outbound request accepted from the host and not yet answered by the peer. Written before the first POST,
 * deleted when the response arrives or the delivery is given up; what is left is re-sent after a restart.
 */
@Entity
@Table(name = "SSP_OUTBOX", indexes = @Index(name = "SSP_OUTBOX_OWNER", columnList = "LOCAL_DOMAIN, ID"))
public class OutboxRecord extends PeerTransactionRecord {
    /** Also the order of delivery per peer. */
    @Id
    @SequenceGenerator(name = "SSP_OUTBOX_SEQ", sequenceName = "SSP_OUTBOX_SEQ", allocationSize = ID_BLOCK)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SSP_OUTBOX_SEQ")
    @Column(name = "ID")
    private Long id;
    /** The transaction as a complete SSP message whose session id is a placeholder. */
    @Column(name = "MESSAGE", nullable = false, length = StoreLimits.MAX_MESSAGE_BYTES)
    private byte[] message;
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAtMillis;
    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAtMillis;

    protected OutboxRecord() {
        // for JPA
    }

    public OutboxRecord(String localDomain, String peerDomain, String transactionId, byte[] message,
                        long createdAtMillis, long expiresAtMillis) {
        super(localDomain, peerDomain, transactionId);
        this.message = message.clone();
        this.createdAtMillis = createdAtMillis;
        this.expiresAtMillis = expiresAtMillis;
    }

    public Long getId() {
        return id;
    }

    public byte[] getMessage() {
        return message.clone();
    }

    public long getCreatedAtMillis() {
        return createdAtMillis;
    }

    public long getExpiresAtMillis() {
        return expiresAtMillis;
    }
}
