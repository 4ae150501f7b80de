package org.openimps.ssp.handler;

import org.openimps.ssp.protocol.ImpsAddress;

/** A user id claimed by a peer must belong to the peer's own domain (else Status 901). */
final class SenderCheck {
    private SenderCheck() {
    }

    static boolean belongsTo(String userId, String peerDomain) {
        return ImpsAddress.parse(userId).map(a -> a.domain().equalsIgnoreCase(peerDomain)).orElse(false);
    }

    /** True when a user is named (e.g. the requestor in MetaInfo, which is optional) and is not the peer's. */
    static boolean namedOutside(String userId, String peerDomain) {
        return userId != null && !belongsTo(userId, peerDomain);
    }
}
