package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <User><UserID>wv:alice@alpha.example</UserID></User>} as used by Sender, Recipient and requests. */
public class UserRef {
    @XmlElement(name = "User")
    private User user;

    public UserRef() {
    }

    public UserRef(String userId) {
        this.user = new User(userId);
    }

    public String userId() {
        return user == null ? null : user.getUserId();
    }

    /** The inner {@code User} element. */
    public static class User {
        @XmlElement(name = "UserID")
        private String userId;

        public User() {
        }

        public User(String userId) {
            this.userId = userId;
        }

        public String getUserId() {
            return userId;
        }
    }
}
