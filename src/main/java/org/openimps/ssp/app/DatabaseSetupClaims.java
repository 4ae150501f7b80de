package org.openimps.ssp.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.session.SetupClaims;
import org.openimps.ssp.store.NodeLeases;

/**
 * Setup claims in the domain's database ({@code SSP_SETUP}), shared by its nodes. A claim lasts the handshake
 * timeout, so a node that died mid-handshake holds nobody up for longer.
 */
@ApplicationScoped
public class DatabaseSetupClaims implements SetupClaims {
    private SspConfig config;
    private NodeLeases leases;
    private Clock clock;

    protected DatabaseSetupClaims() {
        // for the CDI client proxy
    }

    @Inject
    public DatabaseSetupClaims(SspConfig config, NodeLeases leases, Clock clock) {
        this.config = config;
        this.leases = leases;
        this.clock = clock;
    }

    @Override
    public boolean begin(String peerDomain) {
        long now = clock.millis();
        return leases.claimSetup(config.domain(), peerDomain, config.nodeId(), now, staleBefore(now));
    }

    @Override
    public void end(String peerDomain) {
        leases.releaseSetup(config.domain(), peerDomain, config.nodeId());
    }

    @Override
    public Optional<URI> initiator(String peerDomain) {
        return leases.setupHolder(config.domain(), peerDomain, staleBefore(clock.millis()))
                .filter(holder -> !holder.nodeId().equals(config.nodeId()) && holder.url() != null)
                .map(holder -> URI.create(holder.url()));
    }

    private long staleBefore(long now) {
        return now - config.handshakeTimeout().toMillis();
    }
}
