package org.openimps.ssp.session;

import java.net.URI;
import java.time.Instant;

/**
 * An established session with a peer domain. Each side names its own id and puts it in the messages it
 * sends; we map the peer's id back to this record.
 *
 * @param peerDomain     the peer's IMPS domain
 * @param role           our role in the session
 * @param ourSessionId   the id we put in {@code Session sessionID} and {@code x-wv-sessionid}
 * @param theirSessionId the id the peer puts in its messages
 * @param expiresAt      end of the agreed timeToLive
 * @param endpoint       where what we send in this session goes: the URL our first SendSecretToken of its
 *                       handshake reached (M1 as requestor, M2 as provider), after any redirect. A peer domain on
 *                       several nodes keeps each session on its node (spec 5.5). Null: the peer's usual endpoint.
 */
public record PeerSession(String peerDomain, Role role, String ourSessionId, String theirSessionId, Instant expiresAt,
                          URI endpoint) {

    /** A session whose traffic goes to the peer's usual endpoint. */
    public PeerSession(String peerDomain, Role role, String ourSessionId, String theirSessionId, Instant expiresAt) {
        this(peerDomain, role, ourSessionId, theirSessionId, expiresAt, null);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "session " + ourSessionId + "/" + theirSessionId + " with " + peerDomain + " (" + role + ")";
    }
}
