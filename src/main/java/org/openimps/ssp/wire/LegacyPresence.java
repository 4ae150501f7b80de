package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** The first release's {@code <Presence><UserID>…</UserID><PresenceSubList>…}: read from older peers, never sent. */
@XmlType(propOrder = {"userId", "subList"})
public class LegacyPresence {
    @XmlElement(name = "UserID")
    private String userId;
    @XmlElement(name = "PresenceSubList", namespace = SspNamespaces.PA_1_3)
    private PresenceSubList subList;

    public LegacyPresence() {
    }

    Presence toPresence() {
        return new Presence(Texts.trimmed(userId), subList);
    }
}
