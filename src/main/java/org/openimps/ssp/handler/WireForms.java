package org.openimps.ssp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.Primitives;
import org.openimps.ssp.wire.ServiceRequest;
import org.openimps.ssp.wire.WireForm;

/**
 * Logs which form of the SSP primitives each peer writes, once per peer and whenever it changes: an operator
 * sees at a glance that a peer speaks the older element form (we read it; we always answer in the attribute form).
 */
@ApplicationScoped
public class WireForms {
    private static final Logger LOG = Logger.getLogger(WireForms.class.getName());
    /** Peers remembered; past it the memory starts over (the log line then simply comes again). */
    static final int MAX_PEERS = 1024;

    private final Map<String, WireForm> lastSeen = new ConcurrentHashMap<>();

    void observe(RemoteRequest from, ServiceRequest request) {
        WireForm form = request.wireForm();
        String peer = from.peerDomain().toLowerCase(Locale.ROOT);
        if (lastSeen.size() >= MAX_PEERS && !lastSeen.containsKey(peer)) {
            lastSeen.clear();
        }
        WireForm before = lastSeen.put(peer, form);
        if (before != form) {
            LOG.info(() -> "peer " + from.peerDomain() + " writes the " + form.name().toLowerCase(Locale.ROOT)
                    + " form (" + Primitives.nameOf(request) + " txn " + from.transactionId() + ")");
        }
    }

    /** The form a peer last used, for the admin view. */
    public WireForm of(String peerDomain) {
        return lastSeen.get(peerDomain.toLowerCase(Locale.ROOT));
    }
}
