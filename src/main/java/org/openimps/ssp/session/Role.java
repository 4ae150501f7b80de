package org.openimps.ssp.session;

/** Our role in a session: the requestor asked the provider for it (the handshake initiator is the requestor). */
public enum Role {
    REQUESTOR, PROVIDER
}
