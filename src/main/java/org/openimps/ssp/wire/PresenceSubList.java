package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * {@code PresenceSubList}: CSP presence attributes, each with its {@code Qualifier}. OnlineStatus,
 * UserAvailability and StatusText are modelled; the others (ClientInfo, CommCap, …) are kept as DOM elements.
 */
@XmlType(propOrder = {"onlineStatus", "userAvailability", "statusText", "others"})
public class PresenceSubList {
    @XmlElement(name = "OnlineStatus", namespace = SspNamespaces.PA_1_3)
    private PresenceAttribute onlineStatus;
    @XmlElement(name = "UserAvailability", namespace = SspNamespaces.PA_1_3)
    private PresenceAttribute userAvailability;
    @XmlElement(name = "StatusText", namespace = SspNamespaces.PA_1_3)
    private PresenceAttribute statusText;
    @XmlAnyElement
    private List<Element> others = new ArrayList<>();

    public PresenceSubList() {
    }

    PresenceSubList(boolean online, String availability, String statusText) {
        this.onlineStatus = new PresenceAttribute(online ? "T" : "F");
        this.userAvailability = availability == null ? null : new PresenceAttribute(availability);
        this.statusText = statusText == null ? null : new PresenceAttribute(statusText);
    }

    String availability() {
        return userAvailability == null ? null : userAvailability.value();
    }

    String statusText() {
        return statusText == null ? null : statusText.value();
    }

    Optional<Boolean> online() {
        return onlineStatus == null || onlineStatus.value() == null ? Optional.empty()
                : Optional.of("T".equalsIgnoreCase(onlineStatus.value()));
    }

    List<Element> others() {
        return List.copyOf(others);
    }

    /** One attribute: {@code <Qualifier>T</Qualifier><PresenceValue>…</PresenceValue>}. */
    @XmlType(propOrder = {"qualifier", "value"})
    public static class PresenceAttribute {
        @XmlElement(name = "Qualifier", namespace = SspNamespaces.PA_1_3)
        private String qualifier;
        @XmlElement(name = "PresenceValue", namespace = SspNamespaces.PA_1_3)
        private String value;

        public PresenceAttribute() {
        }

        PresenceAttribute(String value) {
            this.qualifier = "T";
            this.value = value;
        }

        /** The value, trimmed; null when the qualifier says it does not hold ({@code F}). */
        String value() {
            return "F".equalsIgnoreCase(Texts.trimmed(qualifier)) ? null : Texts.trimmed(value);
        }
    }
}
