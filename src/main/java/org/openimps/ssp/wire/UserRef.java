package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;

/** An element wrapping one {@code User}: Sender, Recipient, Inviting, Invited, Canceling, Canceled, Responding. */
public class UserRef {
    @XmlElement(name = "User")
    private UserElement user;

    public UserRef() {
    }

    public UserRef(String userId) {
        this.user = new UserElement(userId);
    }

    static UserRef ofNullable(String userId) {
        return userId == null ? null : new UserRef(userId);
    }

    public String userId() {
        return user == null ? null : user.userId();
    }

    boolean elementForm() {
        return user != null && user.elementForm();
    }

    /** True when any of the (possibly absent) references came in the older element form. */
    static boolean anyElementForm(UserRef... refs) {
        for (UserRef ref : refs) {
            if (ref != null && ref.elementForm()) {
                return true;
            }
        }
        return false;
    }
}
