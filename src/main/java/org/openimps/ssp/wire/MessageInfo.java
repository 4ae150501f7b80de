package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** Envelope data of an instant message. */
@XmlType(propOrder = {"messageId", "contentType", "contentSize", "recipient", "sender"})
public class MessageInfo {
    @XmlElement(name = "MessageID")
    private String messageId;
    @XmlElement(name = "ContentType")
    private String contentType;
    @XmlElement(name = "ContentSize")
    private Integer contentSize;
    @XmlElement(name = "Recipient")
    private UserRef recipient;
    @XmlElement(name = "Sender")
    private UserRef sender;

    public MessageInfo() {
    }

    public MessageInfo(String senderId, String recipientId, String contentType, int contentSize) {
        this.sender = new UserRef(senderId);
        this.recipient = new UserRef(recipientId);
        this.contentType = contentType;
        this.contentSize = contentSize;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getContentType() {
        return contentType;
    }

    public Integer getContentSize() {
        return contentSize;
    }

    public String senderId() {
        return sender == null ? null : sender.userId();
    }

    public String recipientId() {
        return recipient == null ? null : recipient.userId();
    }
}
