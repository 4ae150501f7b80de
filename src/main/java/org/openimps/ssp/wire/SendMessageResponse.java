package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** The outcome of a SendMessageRequest, with the id the recipient's domain gave the message. */
@XmlRootElement(name = "SendMessageResponse")
@XmlType(propOrder = {"status", "messageId"})
public class SendMessageResponse {
    @XmlElement(name = "Status")
    private Status status;
    @XmlElement(name = "MessageID")
    private String messageId;

    public SendMessageResponse() {
    }

    public SendMessageResponse(Status status, String messageId) {
        this.status = status;
        this.messageId = messageId;
    }

    public Status getStatus() {
        return status;
    }

    public String getMessageId() {
        return messageId;
    }
}
