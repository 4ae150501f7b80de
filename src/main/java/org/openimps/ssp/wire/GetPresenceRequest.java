package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** Asks the providing domain for the presence of some of its users. */
@XmlRootElement(name = "GetPresenceRequest")
public class GetPresenceRequest {
    @XmlElement(name = "User")
    private List<UserRef.User> users = new ArrayList<>();

    public GetPresenceRequest() {
    }

    public GetPresenceRequest(List<String> userIds) {
        userIds.forEach(id -> users.add(new UserRef.User(id)));
    }

    public List<String> userIds() {
        return users.stream().map(UserRef.User::getUserId).toList();
    }
}
