package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;

/** A presence attribute holding one {@code PresenceValue}. */
public class PresenceValue {
    @XmlElement(name = "PresenceValue")
    private String value;

    public PresenceValue() {
    }

    public PresenceValue(String value) {
        this.value = value;
    }

    public String getValue() {
        return value;
    }
}
