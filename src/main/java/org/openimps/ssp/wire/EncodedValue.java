package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;

/** Text with an optional {@code encoding} attribute: SecretToken and PasswordDigest. */
public class EncodedValue {
    @XmlAttribute(name = "encoding")
    private String encoding;
    @XmlValue
    private String value;

    public EncodedValue() {
    }

    public EncodedValue(String encoding, String value) {
        this.encoding = encoding;
        this.value = value;
    }

    public String getEncoding() {
        return encoding;
    }

    public String getValue() {
        return value;
    }
}
