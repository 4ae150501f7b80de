package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The outcome of a SendMessageRequest: {@code <SendMessageResponse messageID="…"><Status code="200"/>}, with the
 * id the recipient's domain gave the message. A {@code MessageID} child element is read too.
 */
@XmlRootElement(name = "SendMessageResponse")
@XmlType(propOrder = {"status", "legacyMessageId"})
public class SendMessageResponse {
    @XmlAttribute(name = "messageID")
    private String messageId;
    @XmlElement(name = "Status")
    private Status status;
    @XmlElement(name = "MessageID")
    private String legacyMessageId;

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
        return Texts.firstOf(messageId, legacyMessageId);
    }
}
