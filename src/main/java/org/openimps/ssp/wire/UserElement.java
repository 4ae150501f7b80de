package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/**
 * An element naming one user by attribute: {@code <User userID="wv:alice@alpha.example"/>}, and likewise
 * {@code VerUserID} and {@code UserID}. The older {@code <User><UserID>…</UserID></User>} is read too. Children
 * such as {@code ClientID} are ignored.
 */
public class UserElement {
    @XmlAttribute(name = "userID")
    private String userId;
    /** The element form of older peers; read, never written. */
    @XmlElement(name = "UserID")
    private String legacyUserId;

    public UserElement() {
    }

    public UserElement(String userId) {
        this.userId = userId;
    }

    /** The user id, trimmed, from the attribute or else the child element; null when neither is there. */
    public String userId() {
        return Texts.firstOf(userId, legacyUserId);
    }

    /** True when the id came in the older element form. */
    public boolean elementForm() {
        return Texts.trimmed(userId) == null && Texts.trimmed(legacyUserId) != null;
    }
}
