package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What SubscribeRequest and UnsubscribeRequest share: MetaInfo, then {@code <UserID userID="…"/>} per user. */
@XmlTransient
public abstract class UserListRequest extends ServiceRequest {
    @XmlElement(name = "UserID")
    private List<UserElement> users = new ArrayList<>();

    protected UserListRequest() {
    }

    protected UserListRequest(String requestorId, List<String> userIds) {
        super(MetaInfo.ofUser(requestorId));
        userIds.forEach(id -> users.add(new UserElement(id)));
    }

    public List<String> userIds() {
        return users.stream().map(UserElement::userId).filter(Objects::nonNull).toList();
    }

    @Override
    public WireForm wireForm() {
        return WireForm.of(users.stream().anyMatch(UserElement::elementForm));
    }
}
