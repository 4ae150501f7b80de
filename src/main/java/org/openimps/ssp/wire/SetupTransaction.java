package org.openimps.ssp.wire;

/** A transaction of the session establishment (M1..M6), outside any session: SendSecretToken, LoginRequest or LoginResponse. */
public class SetupTransaction extends ModedTransaction {

    public SetupTransaction() {
    }

    public SetupTransaction(Mode mode, String transactionId, Object primitive) {
        super(mode, transactionId, primitive);
    }

    public Object getPrimitive() {
        return getPayload();
    }
}
