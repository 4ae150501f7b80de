package org.openimps.ssp.session;

import java.net.URI;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.protocol.PeerTransport.TransportException;
import org.openimps.ssp.wire.SspMessage;

/** How the handshake sends its messages; the exchange layer implements it over the peer transport. */
public interface SetupChannel {

    /**
     * POSTs one setup message to the peer and returns when it acknowledged it.
     *
     * @param via              where the handshake's first SendSecretToken went ({@code send}'s answer then), for M3..M6;
     *                         null for M1/M2, which go to the peer's endpoints
     * @param firstSecretToken true for M1/M2: the only POSTs on which a 3xx redirect is followed
     * @return the URL that took the message, after any redirect
     */
    URI send(PeerConfig peer, URI via, SspMessage message, String transactionId, boolean firstSecretToken)
            throws TransportException;
}
