package org.openimps.ssp.session;

import java.net.URI;
import java.util.Optional;

/**
 * Which node of our domain is establishing a session as requestor with a peer, when several nodes share the
 * domain's database. The peer answers M1 with an M2 on its own connection to our domain's public address, which
 * may reach any node: the node that took it looks here for the node that sent the M1 and redirects the M2 there
 * (spec 5.5 allows redirecting M2, the first SendSecretToken of that connection). So that the answer is
 * unambiguous, one node at a time establishes a session with a given peer.
 */
public interface SetupClaims {

    /** A single node: every claim succeeds, and no other node ever holds one. */
    SetupClaims SINGLE_NODE = new SetupClaims() {
        @Override
        public boolean begin(String peerDomain) {
            return true;
        }

        @Override
        public void end(String peerDomain) {
            // nothing held
        }

        @Override
        public Optional<URI> initiator(String peerDomain) {
            return Optional.empty();
        }
    };

    /** Claims the establishment of a session with the peer for this node; false when another node holds it. */
    boolean begin(String peerDomain);

    /** Gives the claim back (the handshake finished or failed). */
    void end(String peerDomain);

    /** The URL of another node that holds a live claim for this peer, if any. */
    Optional<URI> initiator(String peerDomain);
}
