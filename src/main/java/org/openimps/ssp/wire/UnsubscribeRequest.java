package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.List;

/** Ends the requesting user's presence subscription to the named users; answered with a Status. */
@XmlRootElement(name = "UnsubscribeRequest")
@XmlType(propOrder = {"metaInfo", "users"})
public class UnsubscribeRequest extends UserListRequest {

    public UnsubscribeRequest() {
    }

    public UnsubscribeRequest(String requestorId, List<String> userIds) {
        super(requestorId, userIds);
    }
}
