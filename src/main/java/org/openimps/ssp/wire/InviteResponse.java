package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The invited user's answer, travelling back as a request of its own (despite its name): {@code inviteID},
 * {@code acceptance} ({@code Yes}/{@code No}), Status, {@code Inviting}, {@code Responding}, {@code ResponseNote}.
 * Answered with a Status.
 */
@XmlRootElement(name = "InviteResponse")
@XmlType(propOrder = {"metaInfo", "status", "inviting", "responding", "responseNote"})
public class InviteResponse extends ServiceRequest {
    @XmlAttribute(name = "inviteID")
    private String inviteId;
    @XmlAttribute(name = "acceptance")
    private String acceptance;
    @XmlElement(name = "Status")
    private Status status;
    @XmlElement(name = "Inviting")
    private UserRef inviting;
    @XmlElement(name = "Responding")
    private UserRef responding;
    @XmlElement(name = "ResponseNote")
    private String responseNote;

    public InviteResponse() {
    }

    public InviteResponse(String inviteId, boolean accepted, String invitingId, String respondingId, String note) {
        super(MetaInfo.ofUser(respondingId));
        this.inviteId = inviteId;
        this.acceptance = accepted ? "Yes" : "No";
        this.status = new Status(accepted ? 200 : 404, null);
        this.inviting = new UserRef(invitingId);
        this.responding = new UserRef(respondingId);
        this.responseNote = note;
    }

    public String getInviteId() {
        return Texts.trimmed(inviteId);
    }

    public boolean accepted() {
        return "yes".equalsIgnoreCase(Texts.trimmed(acceptance));
    }

    public String invitingId() {
        return inviting == null ? null : inviting.userId();
    }

    public String respondingId() {
        return responding == null ? null : responding.userId();
    }

    public String getResponseNote() {
        return Texts.trimmed(responseNote);
    }

    @Override
    public WireForm wireForm() {
        return WireForm.of(UserRef.anyElementForm(inviting, responding));
    }
}
