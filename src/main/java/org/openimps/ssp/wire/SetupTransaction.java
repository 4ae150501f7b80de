package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import java.util.Optional;

/** A transaction of the session establishment (M1..M6), outside any session. */
public class SetupTransaction {
    @XmlAttribute(name = "mode")
    private String mode;
    @XmlAttribute(name = "transactionID")
    private String transactionId;
    /** SendSecretToken, LoginRequest or LoginResponse; anything else stays a DOM element. */
    @XmlAnyElement(lax = true)
    private Object primitive;

    public SetupTransaction() {
    }

    public SetupTransaction(Mode mode, String transactionId, Object primitive) {
        this.mode = mode.wire();
        this.transactionId = transactionId;
        this.primitive = primitive;
    }

    public Optional<Mode> mode() {
        return Mode.parse(mode);
    }

    public String rawMode() {
        return mode;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public Object getPrimitive() {
        return primitive;
    }
}
