package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

/** M5 and M6: the sender's own session id and the outcome. */
@XmlRootElement(name = "LoginResponse")
public class LoginResponse {
    @XmlAttribute(name = "sessionID")
    private String sessionId;
    @XmlAttribute(name = "timeToLive")
    private Integer timeToLive;
    @XmlElement(name = "Status")
    private Status status;

    public LoginResponse() {
    }

    public LoginResponse(String sessionId, int timeToLive, Status status) {
        this.sessionId = sessionId;
        this.timeToLive = timeToLive;
        this.status = status;
    }

    public String getSessionId() {
        return sessionId;
    }

    public Integer getTimeToLive() {
        return timeToLive;
    }

    public Status getStatus() {
        return status;
    }
}
