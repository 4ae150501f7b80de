package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Envelope data of an instant message: {@code messageID}, {@code contentType} and {@code contentSize} as
 * attributes, then {@code Recipient}, {@code Sender} and {@code DateTime}. The older child elements
 * {@code MessageID}, {@code ContentType} and {@code ContentSize} are read too.
 */
@XmlType(propOrder = {"legacyMessageId", "legacyContentType", "legacyContentSize", "recipients", "sender", "dateTime"})
public class MessageInfo {
    @XmlAttribute(name = "messageID")
    private String messageId;
    @XmlAttribute(name = "contentType")
    private String contentType;
    @XmlAttribute(name = "contentSize")
    private Integer contentSize;
    @XmlElement(name = "MessageID")
    private String legacyMessageId;
    @XmlElement(name = "ContentType")
    private String legacyContentType;
    @XmlElement(name = "ContentSize")
    private Integer legacyContentSize;
    @XmlElement(name = "Recipient")
    private List<UserRef> recipients = new ArrayList<>();
    @XmlElement(name = "Sender")
    private UserRef sender;
    @XmlElement(name = "DateTime")
    private DateTimeValue dateTime;

    public MessageInfo() {
    }

    public MessageInfo(String messageId, String senderId, String recipientId, String contentType, int contentSize,
                       Instant sentAt) {
        this.messageId = messageId;
        this.sender = new UserRef(senderId);
        this.recipients.add(new UserRef(recipientId));
        this.contentType = contentType;
        this.contentSize = contentSize;
        this.dateTime = new DateTimeValue(sentAt);
    }

    public String getMessageId() {
        return Texts.firstOf(messageId, legacyMessageId);
    }

    public String getContentType() {
        return Texts.firstOf(contentType, legacyContentType);
    }

    public Integer getContentSize() {
        return contentSize != null ? contentSize : legacyContentSize;
    }

    public String senderId() {
        return sender == null ? null : sender.userId();
    }

    /** The first recipient (an SSP message between servers names one user per request). */
    public String recipientId() {
        return recipients.isEmpty() ? null : recipients.get(0).userId();
    }

    /** Every recipient named. */
    public List<String> recipientIds() {
        return recipients.stream().map(UserRef::userId).toList();
    }

    public DateTimeValue getDateTime() {
        return dateTime;
    }

    boolean elementForm() {
        return legacyMessageId != null || legacyContentType != null || legacyContentSize != null
                || UserRef.anyElementForm(sender) || UserRef.anyElementForm(recipients.toArray(UserRef[]::new));
    }
}
