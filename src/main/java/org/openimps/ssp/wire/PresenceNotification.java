package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** A notification from the providing domain: presence of its users changed. */
@XmlRootElement(name = "PresenceNotification")
public class PresenceNotification {
    @XmlElement(name = "Presence")
    private List<Presence> presence = new ArrayList<>();

    public PresenceNotification() {
    }

    public PresenceNotification(List<Presence> presence) {
        this.presence = new ArrayList<>(presence);
    }

    public List<Presence> getPresence() {
        return List.copyOf(presence);
    }
}
