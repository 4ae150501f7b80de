package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.nio.charset.StandardCharsets;

/** An instant message from a user of the requesting domain to a user of the providing domain. */
@XmlRootElement(name = "SendMessageRequest")
@XmlType(propOrder = {"deliveryReport", "messageInfo", "contentData"})
public class SendMessageRequest {
    @XmlElement(name = "DeliveryReport")
    private String deliveryReport;
    @XmlElement(name = "MessageInfo")
    private MessageInfo messageInfo;
    @XmlElement(name = "ContentData")
    private String contentData;

    public SendMessageRequest() {
    }

    public SendMessageRequest(String senderId, String recipientId, String text) {
        this.deliveryReport = "F";
        this.messageInfo = new MessageInfo(senderId, recipientId, "text/plain",
                text.getBytes(StandardCharsets.UTF_8).length);
        this.contentData = text;
    }

    public MessageInfo getMessageInfo() {
        return messageInfo;
    }

    public String getContentData() {
        return contentData;
    }
}
