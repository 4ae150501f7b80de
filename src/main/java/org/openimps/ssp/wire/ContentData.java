package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code <ContentData contentType="text/plain" encoding="base64">…</ContentData>}: the message body. We always
 * send base64 (deployed servers decode it whenever {@code encoding} is present); a body without {@code encoding}
 * is plain text.
 */
public class ContentData {
    static final String BASE64 = "base64";

    @XmlAttribute(name = "contentType")
    private String contentType;
    @XmlAttribute(name = "encoding")
    private String encoding;
    @XmlValue
    private String value;
    /** {@link #text()} once decoded: the handler checks it before the host reads it. */
    @XmlTransient
    private String decoded;

    public ContentData() {
    }

    ContentData(String contentType, String encoding, String value) {
        this.contentType = contentType;
        this.encoding = encoding;
        this.value = value;
    }

    /** Text encoded as UTF-8 and then base64, as deployed servers send it. */
    public static ContentData ofText(String contentType, String text) {
        return new ContentData(contentType, BASE64,
                Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    public String getContentType() {
        return Texts.trimmed(contentType);
    }

    public boolean base64() {
        return encoding != null && BASE64.equalsIgnoreCase(encoding.strip());
    }

    /**
     * The content as text: base64 decoded (line breaks and padding whitespace allowed) and read as UTF-8, or the
     * plain text as sent.
     *
     * @throws IllegalArgumentException when {@code encoding="base64"} but the value is not base64
     */
    public String text() {
        if (decoded == null) {
            decoded = value == null ? "" : !base64() ? value
                    : new String(Base64.getMimeDecoder().decode(value.strip()), StandardCharsets.UTF_8);
        }
        return decoded;
    }

}
