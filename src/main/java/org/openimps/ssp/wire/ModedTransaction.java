package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.Optional;

/**
 * What SetupTransaction and Transaction share: {@code mode}, {@code transactionID} and one primitive, which is a
 * modelled class of this package or, for primitives the binding does not model, the {@link org.w3c.dom.Element}
 * as received, carried intact.
 */
@XmlTransient
public abstract class ModedTransaction {
    @XmlAttribute(name = "mode")
    private String mode;
    @XmlAttribute(name = "transactionID")
    private String transactionId;
    @XmlAnyElement(lax = true)
    private Object payload;

    protected ModedTransaction() {
    }

    protected ModedTransaction(Mode mode, String transactionId, Object payload) {
        this.mode = mode.wire();
        this.transactionId = transactionId;
        this.payload = payload;
    }

    /** The mode, read liberally; empty when the peer sent neither value. */
    public Optional<Mode> mode() {
        return Mode.parse(mode);
    }

    /** The mode attribute exactly as received, for logs. */
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
