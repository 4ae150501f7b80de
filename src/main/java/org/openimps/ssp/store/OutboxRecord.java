package org.openimps.ssp.store;

/**
 * An outbound request accepted from the host and not yet answered by the peer (table {@code SSP_OUTBOX}).
 * Written before the first POST, deleted when the response arrives or the delivery is given up; what is left
 * is re-sent after a restart. Its id is also the order of delivery per peer.
 */
public class OutboxRecord extends PeerTransactionRecord {
    /** Longest quarantine reason kept (longer ones are cut). */
    public static final int MAX_REASON = 1000;

    /** The transaction as a complete SSP message whose session id is a placeholder. */
    private final byte[] message;
    private final long createdAtMillis;
    private final long expiresAtMillis;
    private final String quarantineReason;

    public OutboxRecord(String localDomain, String peerDomain, String transactionId, byte[] message,
                        long createdAtMillis, long expiresAtMillis) {
        this(null, localDomain, peerDomain, transactionId, message.clone(), createdAtMillis, expiresAtMillis, null);
    }

    /** A stored row; takes {@code message} as is. */
    OutboxRecord(Long id, String localDomain, String peerDomain, String transactionId, byte[] message,
                 long createdAtMillis, long expiresAtMillis, String quarantineReason) {
        super(id, localDomain, peerDomain, transactionId);
        this.message = message;
        this.createdAtMillis = createdAtMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.quarantineReason = quarantineReason;
    }

    /** This record as an outbox stores it, under {@code id} (any {@code Outbox} that is not this store's tables). */
    public OutboxRecord stored(long id, String reason) {
        return new OutboxRecord(id, getLocalDomain(), getPeerDomain(), getTransactionId(), message, createdAtMillis,
                expiresAtMillis, reason);
    }

    /** Why the request is set aside until an operator retries or drops it; null when it is not. */
    public String getQuarantineReason() {
        return quarantineReason;
    }

    public byte[] getMessage() {
        return message.clone();
    }

    /** The message itself, for the store to write: no copy of up to a MiB per send. */
    byte[] messageForStore() {
        return message;
    }

    public long getCreatedAtMillis() {
        return createdAtMillis;
    }

    public long getExpiresAtMillis() {
        return expiresAtMillis;
    }
}
