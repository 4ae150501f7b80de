package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/**
 * {@code <MetaInfo clientOriginated="Yes"><Requestor serviceID="wv:@alpha.example"><User userID="…"/></Requestor>}:
 * who asks, on every request between servers. Deployed servers fail on requests without it.
 */
public class MetaInfo {
    @XmlAttribute(name = "clientOriginated")
    private String clientOriginated;
    @XmlElement(name = "Requestor")
    private Requestor requestor;

    public MetaInfo() {
    }

    private MetaInfo(String clientOriginated, Requestor requestor) {
        this.clientOriginated = clientOriginated;
        this.requestor = requestor;
    }

    /** The user {@code wv:user@domain} asks; null for no user or an id without domain (the binding then adds {@link #ofServer}). */
    public static MetaInfo ofUser(String userId) {
        int at = userId == null ? -1 : userId.lastIndexOf('@');
        if (at < 0 || at == userId.length() - 1) {
            return null;
        }
        return new MetaInfo("Yes", new Requestor(ServiceId.of(userId.substring(at + 1)), new UserElement(userId)));
    }

    /** The server of {@code domain} asks, for no one user (e.g. a notification it generates). */
    public static MetaInfo ofServer(String domain) {
        return new MetaInfo("No", new Requestor(ServiceId.of(domain), null));
    }

    public boolean clientOriginated() {
        return "yes".equalsIgnoreCase(Texts.trimmed(clientOriginated));
    }

    /** The requesting user's id, when a user asks. */
    public String requestorUserId() {
        return requestor == null || requestor.user == null ? null : requestor.user.userId();
    }

    /** The requesting service, {@code wv:@domain}. */
    public String requestorServiceId() {
        return requestor == null ? null : Texts.trimmed(requestor.serviceId);
    }

    /** {@code Requestor}: the asking service and, when a user asks, that user. */
    public static class Requestor {
        @XmlAttribute(name = "serviceID")
        private String serviceId;
        @XmlElement(name = "User")
        private UserElement user;

        public Requestor() {
        }

        Requestor(String serviceId, UserElement user) {
            this.serviceId = serviceId;
            this.user = user;
        }
    }

    /** {@code wv:@domain}, the service id form of SSP. */
    static final class ServiceId {
        private ServiceId() {
        }

        static String of(String domain) {
            return "wv:@" + domain;
        }
    }
}
