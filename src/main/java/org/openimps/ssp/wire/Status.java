package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** {@code <Status code="200"/>}: a primitive of its own, and a child of several responses. */
@XmlRootElement(name = "Status")
public class Status {
    @XmlAttribute(name = "code")
    private int code;
    @XmlAttribute(name = "description")
    private String description;

    public Status() {
    }

    public Status(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int getCode() {
        return code;
    }

    public String getDescription() {
        return description;
    }

    @Override
    public String toString() {
        return description == null ? String.valueOf(code) : code + " " + description;
    }
}
