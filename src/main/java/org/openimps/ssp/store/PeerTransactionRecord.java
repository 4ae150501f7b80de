package org.openimps.ssp.store;

/**
 * What every stored transaction names: our domain (deployments share the tables), the peer and the
 * transaction id, and the row id the store gives it.
 */
public abstract class PeerTransactionRecord {
    /** Ids each server takes from a sequence at once (the sequence's increment, see {@link Schema}). */
    static final int ID_BLOCK = 50;

    private final String localDomain;
    private final String peerDomain;
    private final String transactionId;
    /** Null until stored. */
    private Long id;

    protected PeerTransactionRecord(Long id, String localDomain, String peerDomain, String transactionId) {
        this.id = id;
        this.localDomain = localDomain;
        this.peerDomain = peerDomain;
        this.transactionId = transactionId;
    }

    /** The row id; null before the record is stored. */
    public Long getId() {
        return id;
    }

    void assignId(long value) {
        this.id = value;
    }

    public String getLocalDomain() {
        return localDomain;
    }

    public String getPeerDomain() {
        return peerDomain;
    }

    public String getTransactionId() {
        return transactionId;
    }
}
