package org.openimps.ssp.protocol;

import java.net.URI;
import java.util.Objects;

/**
 * One POST to a peer.
 *
 * @param peerDomain      the peer's IMPS domain, for logs and per-peer limits
 * @param target          the peer's SSP URL
 * @param body            the encoded WV-SSP-Message
 * @param transactionId   value of {@code x-wv-transactionid}
 * @param sessionId       value of {@code x-wv-sessionid}, or null before the session exists
 * @param redirectAllowed true only for the first SendSecretToken of a connection (spec 5.5)
 */
public record OutboundPost(String peerDomain, URI target, byte[] body, String transactionId, String sessionId,
                           boolean redirectAllowed) {
    public OutboundPost {
        Objects.requireNonNull(peerDomain, "peerDomain");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
