package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code Session}: the sender's own session id and one or more transactions. */
public class SessionElement {
    @XmlAttribute(name = "sessionID")
    private String sessionId;
    @XmlElement(name = "Transaction")
    private List<Transaction> transactions = new ArrayList<>();

    public SessionElement() {
    }

    public SessionElement(String sessionId, List<Transaction> transactions) {
        this.sessionId = sessionId;
        this.transactions = new ArrayList<>(transactions);
    }

    public String getSessionId() {
        return sessionId;
    }

    public List<Transaction> getTransactions() {
        return List.copyOf(transactions);
    }
}
