package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Asks the providing domain for the presence of some of its users: MetaInfo, then one
 * {@code <VerUserID userID="…"/>} per user. The first release's {@code <User><UserID>} is read too; an
 * {@code AttributeList} is ignored (all attributes are answered).
 */
@XmlRootElement(name = "GetPresenceRequest")
@XmlType(propOrder = {"metaInfo", "users", "legacyUsers"})
public class GetPresenceRequest extends ServiceRequest {
    @XmlElement(name = "VerUserID")
    private List<UserElement> users = new ArrayList<>();
    @XmlElement(name = "User")
    private List<UserElement> legacyUsers = new ArrayList<>();

    public GetPresenceRequest() {
    }

    /** {@code requestorId} (a user of our domain) asks for the presence of {@code userIds}. */
    public GetPresenceRequest(String requestorId, List<String> userIds) {
        super(MetaInfo.ofUser(requestorId));
        userIds.forEach(id -> users.add(new UserElement(id)));
    }

    public List<String> userIds() {
        return Stream.concat(users.stream(), legacyUsers.stream()).map(UserElement::userId)
                .filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public WireForm wireForm() {
        return WireForm.of(!legacyUsers.isEmpty());
    }
}
