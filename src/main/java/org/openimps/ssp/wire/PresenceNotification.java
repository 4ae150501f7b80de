package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * From the providing domain: the presence of its users changed. MetaInfo, one {@code <User userID="…"/>} per
 * subscriber of the receiving domain who is told, then one {@code PresenceValue userID="…"} per user whose
 * presence it is. The first release's {@code Presence} elements are read too.
 */
@XmlRootElement(name = "PresenceNotification")
@XmlType(propOrder = {"metaInfo", "recipients", "presence", "legacyPresence"})
public class PresenceNotification extends ServiceRequest {
    @XmlElement(name = "User")
    private List<UserElement> recipients = new ArrayList<>();
    @XmlElement(name = "PresenceValue")
    private List<Presence> presence = new ArrayList<>();
    @XmlElement(name = "Presence")
    private List<LegacyPresence> legacyPresence = new ArrayList<>();

    public PresenceNotification() {
    }

    /**
     * The presence of {@code presence}'s users, for the subscribers {@code recipientIds} of the other domain. With
     * one user, MetaInfo names that user as the requestor, as deployed servers accept it.
     */
    public PresenceNotification(List<String> recipientIds, List<Presence> presence) {
        super(presence.size() == 1 ? MetaInfo.ofUser(presence.get(0).getUserId()) : null);
        recipientIds.forEach(id -> recipients.add(new UserElement(id)));
        this.presence = new ArrayList<>(presence);
    }

    public List<String> recipientIds() {
        return recipients.stream().map(UserElement::userId).filter(Objects::nonNull).toList();
    }

    public List<Presence> getPresence() {
        return Stream.concat(presence.stream(), legacyPresence.stream().map(LegacyPresence::toPresence)).toList();
    }

    @Override
    public WireForm wireForm() {
        return WireForm.of(!legacyPresence.isEmpty());
    }
}
