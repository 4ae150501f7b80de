package org.openimps.ssp.session;

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
 */
public record PeerSession(String peerDomain, Role role, String ourSessionId, String theirSessionId, Instant expiresAt) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "session " + ourSessionId + "/" + theirSessionId + " with " + peerDomain + " (" + role + ")";
    }
}
