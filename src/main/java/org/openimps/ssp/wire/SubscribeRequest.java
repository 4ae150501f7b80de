package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/**
 * A user of the requesting domain subscribes to the presence of users of the providing domain, which answers
 * with a Status and then sends PresenceNotifications while the subscription lasts.
 */
@XmlRootElement(name = "SubscribeRequest")
@XmlType(propOrder = {"metaInfo", "users"})
public class SubscribeRequest extends UserListRequest {

    public SubscribeRequest() {
    }

    public SubscribeRequest(String requestorId, List<String> userIds) {
        super(requestorId, userIds);
    }
}
