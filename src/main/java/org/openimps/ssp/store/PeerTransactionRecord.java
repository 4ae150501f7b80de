package org.openimps.ssp.store;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** What every stored transaction names: our domain (deployments share the tables), the peer and the transaction id. */
@MappedSuperclass
public abstract class PeerTransactionRecord {
    /** Ids each server takes from a sequence at once (the sequence's increment, see {@link Schema}). */
    static final int ID_BLOCK = 50;

    @Column(name = "LOCAL_DOMAIN", nullable = false, length = 255)
    private String localDomain;
    @Column(name = "PEER_DOMAIN", nullable = false, length = 255)
    private String peerDomain;
    @Column(name = "TXN_ID", nullable = false, length = 128)
    private String transactionId;

    protected PeerTransactionRecord() {
        // for JPA
    }

    protected PeerTransactionRecord(String localDomain, String peerDomain, String transactionId) {
        this.localDomain = localDomain;
        this.peerDomain = peerDomain;
        this.transactionId = transactionId;
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
