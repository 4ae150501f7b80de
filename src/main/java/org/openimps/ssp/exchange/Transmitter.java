package org.openimps.ssp.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.protocol.OutboundPost;
import org.openimps.ssp.protocol.PeerTransport;
import org.openimps.ssp.protocol.PeerTransport.TransportException;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.SetupChannel;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.SspMessage;
import org.openimps.ssp.wire.Transaction;

/** Encodes a message and POSTs it on our connection to the peer, with the spec's header extensions. */
@ApplicationScoped
public class Transmitter implements SetupChannel {
    private SspConfig config;
    private SspCodec codec;
    private PeerTransport transport;

    protected Transmitter() {
        // for the CDI client proxy
    }

    @Inject
    public Transmitter(SspConfig config, SspCodec codec, PeerTransport transport) {
        this.config = config;
        this.codec = codec;
        this.transport = transport;
    }

    @Override
    public void send(PeerConfig peer, SspMessage message, String transactionId, boolean firstSecretToken)
            throws TransportException {
        transport.post(new OutboundPost(peer.getDomain(), peer.uri(), codec.encode(message), transactionId, null,
                firstSecretToken));
    }

    /** POSTs one transaction in the session, under our own session id. */
    public void send(PeerSession session, Transaction transaction) throws TransportException {
        PeerConfig peer = config.peer(session.peerDomain())
                .orElseThrow(() -> new TransportException(session.peerDomain() + " is no longer a configured peer"));
        byte[] body = codec.encode(SspMessage.session(session.ourSessionId(), transaction));
        transport.post(new OutboundPost(peer.getDomain(), peer.uri(), body, transaction.getTransactionId(),
                session.ourSessionId(), false));
    }
}
