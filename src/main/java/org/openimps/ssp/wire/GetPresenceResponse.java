package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The presence of the requested users; peers often omit the Status on success. */
@XmlRootElement(name = "GetPresenceResponse")
@XmlType(propOrder = {"status", "presence"})
public class GetPresenceResponse {
    @XmlElement(name = "Status")
    private Status status;
    @XmlElement(name = "Presence")
    private List<Presence> presence = new ArrayList<>();

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
        return List.copyOf(presence);
    }
}
