package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * {@code <Status code="200"><StatusDescription>…</StatusDescription></Status>}: a primitive of its own, and a
 * child of several responses. A {@code description} attribute (the first release's form) is read too.
 */
@XmlRootElement(name = "Status")
public class Status {
    @XmlAttribute(name = "code")
    private int code;
    @XmlElement(name = "StatusDescription")
    private String description;
    /** The first release's form; read, never written. */
    @XmlAttribute(name = "description")
    private String legacyDescription;

    public Status() {
    }

    public Status(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int getCode() {
        return code;
    }

    /** The description, trimmed, from the element or else the old attribute; null when there is none. */
    public String getDescription() {
        return Texts.firstOf(description, legacyDescription);
    }

    @Override
    public String toString() {
        String d = getDescription();
        return d == null ? String.valueOf(code) : code + " " + d;
    }
}
