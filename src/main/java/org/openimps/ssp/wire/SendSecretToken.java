package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

/** M1 and M2 of the session establishment: a server's secret for this session. */
@XmlRootElement(name = "SendSecretToken")
public class SendSecretToken {
    @XmlAttribute(name = "serviceID")
    private String serviceId;
    @XmlAttribute(name = "protocol")
    private String protocol;
    @XmlAttribute(name = "protocolVersion")
    private String protocolVersion;
    /** Misspelling some deployed peers send; read, never written. */
    @XmlAttribute(name = "procotolVersion")
    private String misspelledProtocolVersion;
    @XmlElement(name = "SecretToken")
    private EncodedValue secretToken;

    public SendSecretToken() {
    }

    public SendSecretToken(String serviceId, String secretToken) {
        this(serviceId, secretToken, null);
    }

    /** @param encoding the SecretToken's {@code encoding} attribute, or null for none */
    public SendSecretToken(String serviceId, String secretToken, String encoding) {
        this.serviceId = serviceId;
        this.protocol = "WV-SSP";
        this.protocolVersion = "1.3";
        this.secretToken = new EncodedValue(encoding, secretToken);
    }

    public String getServiceId() {
        return serviceId;
    }

    /** The version, whichever spelling of the attribute the peer used. */
    public String getProtocolVersion() {
        return protocolVersion != null ? protocolVersion : misspelledProtocolVersion;
    }

    public EncodedValue getSecretToken() {
        return secretToken;
    }
}
