package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The inviting user withdraws an invitation: {@code inviteID}, MetaInfo, {@code Canceling}, {@code Canceled},
 * {@code CancelNote}. Answered with a Status.
 */
@XmlRootElement(name = "CancelInviteRequest")
@XmlType(propOrder = {"metaInfo", "canceling", "canceled", "cancelNote"})
public class CancelInviteRequest extends ServiceRequest {
    @XmlAttribute(name = "inviteID")
    private String inviteId;
    @XmlElement(name = "Canceling")
    private UserRef canceling;
    @XmlElement(name = "Canceled")
    private UserRef canceled;
    @XmlElement(name = "CancelNote")
    private String cancelNote;

    public CancelInviteRequest() {
    }

    public CancelInviteRequest(String inviteId, String cancelingId, String canceledId, String note) {
        super(MetaInfo.ofUser(cancelingId));
        this.inviteId = inviteId;
        this.canceling = new UserRef(cancelingId);
        this.canceled = new UserRef(canceledId);
        this.cancelNote = note;
    }

    public String getInviteId() {
        return Texts.trimmed(inviteId);
    }

    public String cancelingId() {
        return canceling == null ? null : canceling.userId();
    }

    public String canceledId() {
        return canceled == null ? null : canceled.userId();
    }

    public String getCancelNote() {
        return Texts.trimmed(cancelNote);
    }

    @Override
    public WireForm wireForm() {
        return WireForm.of(UserRef.anyElementForm(canceling, canceled));
    }
}
