package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import java.util.Optional;

/**
 * One transaction inside a session. The payload is a known primitive (a class of this package) or, for
 * primitives the binding does not model, the {@link org.w3c.dom.Element} as received, carried intact.
 */
public class Transaction {
    @XmlAttribute(name = "mode")
    private String mode;
    @XmlAttribute(name = "transactionID")
    private String transactionId;
    @XmlAnyElement(lax = true)
    private Object payload;

    public Transaction() {
    }

    public Transaction(Mode mode, String transactionId, Object payload) {
        this.mode = mode.wire();
        this.transactionId = transactionId;
        this.payload = payload;
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

    public Object getPayload() {
        return payload;
    }
}
