package org.openimps.ssp.wire;

/** One transaction inside a session. */
public class Transaction extends ModedTransaction {

    public Transaction() {
    }

    public Transaction(Mode mode, String transactionId, Object payload) {
        super(mode, transactionId, payload);
    }
}
