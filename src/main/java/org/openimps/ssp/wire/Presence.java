package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** One user's presence: availability and a free status text. */
@XmlType(propOrder = {"userId", "subList"})
public class Presence {
    @XmlElement(name = "UserID")
    private String userId;
    @XmlElement(name = "PresenceSubList")
    private SubList subList;

    public Presence() {
    }

    public Presence(String userId, String availability, String statusText) {
        this.userId = userId;
        this.subList = new SubList(availability, statusText);
    }

    public String getUserId() {
        return userId;
    }

    public String availability() {
        return subList == null || subList.availability == null ? null : subList.availability.getValue();
    }

    public String statusText() {
        return subList == null || subList.statusText == null ? null : subList.statusText.getValue();
    }

    /** {@code PresenceSubList}: the attributes this binding models. */
    @XmlType(propOrder = {"availability", "statusText"})
    public static class SubList {
        @XmlElement(name = "UserAvailability")
        private PresenceValue availability;
        @XmlElement(name = "StatusText")
        private PresenceValue statusText;

        public SubList() {
        }

        SubList(String availability, String statusText) {
            this.availability = availability == null ? null : new PresenceValue(availability);
            this.statusText = statusText == null ? null : new PresenceValue(statusText);
        }
    }
}
