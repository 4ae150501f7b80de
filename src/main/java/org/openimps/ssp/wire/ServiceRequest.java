package org.openimps.ssp.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlTransient;

/**
 * A request or notification one server sends another on behalf of its users: it starts with {@link MetaInfo}.
 * Subclasses list {@code metaInfo} first in their {@code propOrder}, where deployed servers put it.
 */
@XmlTransient
public abstract class ServiceRequest {
    @XmlElement(name = "MetaInfo")
    private MetaInfo metaInfo;

    protected ServiceRequest() {
    }

    protected ServiceRequest(MetaInfo metaInfo) {
        this.metaInfo = metaInfo;
    }

    /** Who asks; null when the peer sent no MetaInfo. */
    public MetaInfo getMetaInfo() {
        return metaInfo;
    }

    /** The requesting user named in MetaInfo, if any. */
    public String requestorUserId() {
        return metaInfo == null ? null : metaInfo.requestorUserId();
    }

    /** Adds a server-originated MetaInfo for {@code localDomain} when the request has none, before it is sent. */
    public void ensureMetaInfo(String localDomain) {
        if (metaInfo == null) {
            metaInfo = MetaInfo.ofServer(localDomain);
        }
    }

    /** Which form the peer wrote the request in. */
    public abstract WireForm wireForm();
}
