package org.openimps.ssp.protocol;

import java.net.URI;
import java.util.Objects;
import org.openimps.ssp.config.PeerConfig;

/**
 * One POST to a peer.
 *
 * @param peer            the peer and our policy towards it (timeouts, connection pairs)
 * @param target          the peer's SSP URL
 * @param body            the encoded WV-SSP-Message
 * @param transactionId   value of {@code x-wv-transactionid}; also picks the connection pair
 * @param sessionId       value of {@code x-wv-sessionid}, or null before the session exists
 * @param redirectAllowed true only for the first SendSecretToken of a connection (spec 5.5)
 */
public record OutboundPost(PeerConfig peer, URI target, byte[] body, String transactionId, String sessionId,
                           boolean redirectAllowed) {
    public OutboundPost {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(transactionId, "transactionId");
    }

    public String peerDomain() {
        return peer.domain();
    }
}
