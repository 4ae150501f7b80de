package org.openimps.ssp.binding.http.outbound;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.openimps.ssp.config.PeerConfig;

/**
 * Our connections to one peer: {@code connectionPairs} lanes (spec 5.3). A transaction's id picks its lane, so
 * the messages we send for one transaction share a connection and transactions spread evenly over the pairs.
 */
final class PeerLink implements AutoCloseable {
    private final PeerConfig peer;
    private final List<Lane> lanes;

    /** @throws GeneralSecurityException, IOException when the peer's trust or key store cannot be used */
    PeerLink(PeerConfig peer, DnsResolver dns) throws GeneralSecurityException, IOException {
        this.peer = peer;
        SSLConnectionSocketFactory tls = TlsContexts.forPeer(peer);
        List<Lane> out = new ArrayList<>();
        for (int i = 0; i < peer.getConnectionPairs(); i++) {
            out.add(new Lane(peer, dns, tls));
        }
        this.lanes = List.copyOf(out);
    }

    PeerConfig peer() {
        return peer;
    }

    Lane lane(String transactionId) {
        return lanes.get(Math.floorMod(transactionId.hashCode(), lanes.size()));
    }

    @Override
    public void close() {
        lanes.forEach(Lane::close);
    }
}
