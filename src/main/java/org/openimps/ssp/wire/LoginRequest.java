package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

/** M3 and M4: the digest of the other server's secret. */
@XmlRootElement(name = "LoginRequest")
public class LoginRequest {
    @XmlAttribute(name = "serviceID")
    private String serviceId;
    @XmlAttribute(name = "timeToLive")
    private Integer timeToLive;
    @XmlElement(name = "PasswordDigest")
    private EncodedValue passwordDigest;

    public LoginRequest() {
    }

    public LoginRequest(String serviceId, int timeToLive, String base64Digest) {
        this.serviceId = serviceId;
        this.timeToLive = timeToLive;
        this.passwordDigest = new EncodedValue("base64", base64Digest);
    }

    public String getServiceId() {
        return serviceId;
    }

    public Integer getTimeToLive() {
        return timeToLive;
    }

    public EncodedValue getPasswordDigest() {
        return passwordDigest;
    }
}
