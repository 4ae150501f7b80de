package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * One user's presence: {@code <PresenceValue userID="wv:…"><PresenceSubList xmlns="…WV-PA1.3">…</PresenceSubList>}
 * as deployed servers write it in GetPresenceResponse and PresenceNotification.
 */
public class Presence {
    static final String AVAILABLE = "AVAILABLE";
    static final String NOT_AVAILABLE = "NOT_AVAILABLE";

    @XmlAttribute(name = "userID")
    private String userId;
    @XmlElement(name = "PresenceSubList", namespace = SspNamespaces.PA_1_3)
    private PresenceSubList subList;

    public Presence() {
    }

    /** Online unless {@code availability} is NOT_AVAILABLE; either text may be null. */
    public Presence(String userId, String availability, String statusText) {
        this.userId = userId;
        this.subList = new PresenceSubList(!NOT_AVAILABLE.equals(availability), availability, statusText);
    }

    Presence(String userId, PresenceSubList subList) {
        this.userId = userId;
        this.subList = subList;
    }

    public String getUserId() {
        return Texts.trimmed(userId);
    }

    /** UserAvailability: AVAILABLE, DISCREET or NOT_AVAILABLE. */
    public String availability() {
        return subList == null ? null : subList.availability();
    }

    public String statusText() {
        return subList == null ? null : subList.statusText();
    }

    /** OnlineStatus, when the peer sent it. */
    public Optional<Boolean> online() {
        return subList == null ? Optional.empty() : subList.online();
    }

    /** The presence attributes this module does not model (ClientInfo, CommCap, …), carried as received. */
    public List<Element> otherAttributes() {
        return subList == null ? List.of() : subList.others();
    }
}
