package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * A user of the requesting domain invites a user of the providing domain (to a group, a presence list, a
 * chat): {@code inviteID}, {@code inviteType} and {@code validity} attributes, MetaInfo, {@code Inviting},
 * {@code Invited}, {@code InviteNote}. Answered with a Status; the invitee answers later with an InviteResponse.
 */
@XmlRootElement(name = "InviteRequest")
@XmlType(propOrder = {"metaInfo", "inviting", "invited", "inviteNote"})
public class InviteRequest extends ServiceRequest {
    @XmlAttribute(name = "inviteID")
    private String inviteId;
    @XmlAttribute(name = "inviteType")
    private String inviteType;
    @XmlAttribute(name = "validity")
    private Integer validity;
    @XmlElement(name = "Inviting")
    private UserRef inviting;
    @XmlElement(name = "Invited")
    private UserRef invited;
    @XmlElement(name = "InviteNote")
    private String inviteNote;

    public InviteRequest() {
    }

    /**
     * @param inviteType CSP invite type: {@code GR} group, {@code PR} presence, {@code IM} instant messaging
     * @param validity   seconds the invitation holds
     */
    public InviteRequest(String inviteId, String inviteType, int validity, String invitingId, String invitedId,
                         String note) {
        super(MetaInfo.ofUser(invitingId));
        this.inviteId = inviteId;
        this.inviteType = inviteType;
        this.validity = validity;
        this.inviting = new UserRef(invitingId);
        this.invited = new UserRef(invitedId);
        this.inviteNote = note;
    }

    public String getInviteId() {
        return Texts.trimmed(inviteId);
    }

    public String getInviteType() {
        return Texts.trimmed(inviteType);
    }

    public Integer getValidity() {
        return validity;
    }

    public String invitingId() {
        return inviting == null ? null : inviting.userId();
    }

    public String invitedId() {
        return invited == null ? null : invited.userId();
    }

    public String getInviteNote() {
        return Texts.trimmed(inviteNote);
    }

    @Override
    public WireForm wireForm() {
        return WireForm.of(UserRef.anyElementForm(inviting, invited));
    }
}
