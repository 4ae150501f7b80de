package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An instant message from a user of the requesting domain to a user of the providing domain, in the form
 * deployed servers write: {@code deliveryReport} attribute, MetaInfo, MessageInfo, base64 ContentData.
 */
@XmlRootElement(name = "SendMessageRequest")
@XmlType(propOrder = {"metaInfo", "legacyDeliveryReport", "messageInfo", "contentData"})
public class SendMessageRequest extends ServiceRequest {
    static final String TEXT_PLAIN = "text/plain";

    @XmlAttribute(name = "deliveryReport")
    private String deliveryReport;
    /** The first release's form ("T"/"F"); read, never written. */
    @XmlElement(name = "DeliveryReport")
    private String legacyDeliveryReport;
    @XmlElement(name = "MessageInfo")
    private MessageInfo messageInfo;
    @XmlElement(name = "ContentData")
    private ContentData contentData;

    public SendMessageRequest() {
    }

    /** A plain-text message without delivery report, with a fresh message id, sent now. */
    public SendMessageRequest(String senderId, String recipientId, String text) {
        this(senderId, recipientId, text, false, "m" + UUID.randomUUID().toString().replace("-", ""), Instant.now());
    }

    public SendMessageRequest(String senderId, String recipientId, String text, boolean deliveryReport,
                              String messageId, Instant sentAt) {
        super(MetaInfo.ofUser(senderId));
        this.deliveryReport = deliveryReport ? "Yes" : "No";
        this.messageInfo = new MessageInfo(messageId, senderId, recipientId, TEXT_PLAIN,
                text.getBytes(StandardCharsets.UTF_8).length, sentAt);
        this.contentData = ContentData.ofText(TEXT_PLAIN, text);
    }

    public MessageInfo getMessageInfo() {
        return messageInfo;
    }

    /** Whether the sender asked for a DeliveryStatusReport ({@code Yes}, or {@code T} from older peers). */
    public boolean deliveryReportRequested() {
        String v = Texts.firstOf(deliveryReport, legacyDeliveryReport);
        return v != null && (v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("t") || v.equalsIgnoreCase("true"));
    }

    /** The ContentData element as sent, or null. */
    public ContentData getContent() {
        return contentData;
    }

    /**
     * The message text, base64 decoded when the peer encoded it.
     *
     * @throws IllegalArgumentException when the ContentData says base64 but is not
     */
    public String getContentData() {
        return contentData == null ? null : contentData.text();
    }

    @Override
    public WireForm wireForm() {
        return WireForm.of(legacyDeliveryReport != null || (messageInfo != null && messageInfo.elementForm()));
    }
}
