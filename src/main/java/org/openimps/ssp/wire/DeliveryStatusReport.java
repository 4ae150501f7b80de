package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.time.Instant;

/**
 * The recipient's domain tells the sender's what became of a message sent with {@code deliveryReport="Yes"}:
 * MetaInfo, {@code DeliveryResult} (a Status), {@code DeliveryTime}, and the message's MessageInfo.
 */
@XmlRootElement(name = "DeliveryStatusReport")
@XmlType(propOrder = {"metaInfo", "deliveryResult", "deliveryTime", "messageInfo"})
public class DeliveryStatusReport extends ServiceRequest {
    @XmlElement(name = "DeliveryResult")
    private DeliveryResult deliveryResult;
    @XmlElement(name = "DeliveryTime")
    private String deliveryTime;
    @XmlElement(name = "MessageInfo")
    private MessageInfo messageInfo;

    public DeliveryStatusReport() {
    }

    /**
     * @param reporterId the recipient, a user of the reporting domain
     * @param result     what became of the message
     * @param message    the MessageInfo of the message reported on, as received
     */
    public DeliveryStatusReport(String reporterId, Status result, Instant deliveredAt, MessageInfo message) {
        super(MetaInfo.ofUser(reporterId));
        this.deliveryResult = new DeliveryResult(result);
        this.deliveryTime = new DateTimeValue(deliveredAt).text();
        this.messageInfo = message;
    }

    public Status result() {
        return deliveryResult == null ? null : deliveryResult.status;
    }

    public String getDeliveryTime() {
        return Texts.trimmed(deliveryTime);
    }

    public MessageInfo getMessageInfo() {
        return messageInfo;
    }

    @Override
    public WireForm wireForm() {
        return WireForm.of(messageInfo != null && messageInfo.elementForm());
    }

    /** {@code <DeliveryResult><Status …/></DeliveryResult>}. */
    public static class DeliveryResult {
        @XmlElement(name = "Status")
        private Status status;

        public DeliveryResult() {
        }

        DeliveryResult(Status status) {
            this.status = status;
        }
    }
}
