package org.openimps.ssp.session;

import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.protocol.PeerTransport.TransportException;
import org.openimps.ssp.wire.SspMessage;

/** How the handshake sends its messages; the exchange layer implements it over the peer transport. */
public interface SetupChannel {

    /**
     * POSTs one setup message to the peer and returns when it acknowledged it.
     *
     * @param firstSecretToken true for M1/M2: the only POSTs on which a 3xx redirect is followed
     */
    void send(PeerConfig peer, SspMessage message, String transactionId, boolean firstSecretToken)
            throws TransportException;
}
