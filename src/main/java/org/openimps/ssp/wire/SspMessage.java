package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/** {@code WV-SSP-Message}: either one {@code SetupTransaction} or one {@code Session}. */
@XmlRootElement(name = "WV-SSP-Message")
@XmlType(propOrder = {"setupTransaction", "session"})
public class SspMessage {
    @XmlElement(name = "SetupTransaction")
    private SetupTransaction setupTransaction;
    @XmlElement(name = "Session")
    private SessionElement session;

    public SspMessage() {
    }

    public static SspMessage setup(Mode mode, String transactionId, Object primitive) {
        SspMessage m = new SspMessage();
        m.setupTransaction = new SetupTransaction(mode, transactionId, primitive);
        return m;
    }

    public static SspMessage session(String sessionId, List<Transaction> transactions) {
        SspMessage m = new SspMessage();
        m.session = new SessionElement(sessionId, transactions);
        return m;
    }

    public static SspMessage session(String sessionId, Transaction transaction) {
        return session(sessionId, List.of(transaction));
    }

    public SetupTransaction getSetupTransaction() {
        return setupTransaction;
    }

    public SessionElement getSession() {
        return session;
    }
}
