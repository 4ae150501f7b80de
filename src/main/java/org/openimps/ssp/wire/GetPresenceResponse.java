package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The presence of the requested users, one {@code PresenceValue userID="…"} each; deployed servers often omit
 * the Status on success. The first release's {@code Presence} elements are read too.
 */
@XmlRootElement(name = "GetPresenceResponse")
@XmlType(propOrder = {"status", "presence", "legacyPresence"})
public class GetPresenceResponse {
    @XmlElement(name = "Status")
    private Status status;
    @XmlElement(name = "PresenceValue")
    private List<Presence> presence = new ArrayList<>();
    @XmlElement(name = "Presence")
    private List<LegacyPresence> legacyPresence = new ArrayList<>();

    public GetPresenceResponse() {
    }

    public GetPresenceResponse(Status status, List<Presence> presence) {
        this.status = status;
        this.presence = new ArrayList<>(presence);
    }

    public Status getStatus() {
        return status;
    }

    public List<Presence> getPresence() {
        return Stream.concat(presence.stream(), legacyPresence.stream().map(LegacyPresence::toPresence)).toList();
    }
}
