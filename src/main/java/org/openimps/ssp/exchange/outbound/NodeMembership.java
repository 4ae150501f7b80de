package org.openimps.ssp.exchange.outbound;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.store.NodeLeases;
import org.openimps.ssp.store.NodeLeases.Lease;
import org.openimps.ssp.store.NodeLeases.PeerSessions;
import org.openimps.ssp.store.StoreException;

/**
 * This node among the nodes of its domain that share one database: it renews its lease every third of the lease
 * time and takes over the outbox rows of any node whose lease ran out, handing each takeover's rows to
 * {@code recoverClaim}. A node that was presumed dead (its lease taken while it still ran: a pause longer than the
 * lease) keeps delivering what it holds; the taker delivers the same rows, and the peer's dedupe answers the
 * second POST of each transaction with the stored result.
 */
final class NodeMembership {
    private static final Logger LOG = Logger.getLogger(NodeMembership.class.getName());

    private final String localDomain;
    private final String nodeId;
    private final String url;
    private final Duration lease;
    private final NodeLeases leases;
    private final Clock clock;
    private final Consumer<String> recoverClaim;
    /** This node's sessions by peer domain, published at each renewal when they changed. */
    private final Supplier<Map<String, Integer>> localSessions;
    /** What this node last published of its sessions; null: not yet, or a takeover deleted it. */
    private Map<String, Integer> published;
    /** Tells this run's renewals from a previous run's, or from another node given the same id by mistake. */
    private final String incarnation = UUID.randomUUID().toString();
    /** When this run last renewed its lease, epoch ms; 0 before the first renewal. */
    private volatile long lastRenewal;
    /** Nodes of the domain whose lease held at the last check, this one included. */
    private volatile int liveNodes = 1;

    NodeMembership(String localDomain, String nodeId, String url, Duration lease, NodeLeases leases, Clock clock,
                   Consumer<String> recoverClaim, Supplier<Map<String, Integer>> localSessions) {
        this.localDomain = localDomain;
        this.nodeId = nodeId;
        this.url = url;
        this.lease = lease;
        this.leases = leases;
        this.clock = clock;
        this.recoverClaim = recoverClaim;
        this.localSessions = localSessions;
    }

    String nodeId() {
        return nodeId;
    }

    /** Renewals happen this often. */
    Duration renewEvery() {
        return lease.dividedBy(3);
    }

    /**
     * At start, before this node's own rows are read back: a fresh lease first, so that no other node takes those
     * rows while they are read.
     */
    void register() {
        safely(this::renew);
    }

    /** After this node's own rows were read back: rows stored before nodes had owners become this node's. */
    void adoptUnowned() {
        safely(() -> {
            String claim = claimName("unowned");
            int unowned = leases.claimUnowned(localDomain, nodeId, claim);
            if (unowned > 0) {
                LOG.info(() -> unowned + " outbox row(s) of " + localDomain + " without an owner node are now "
                        + nodeId + "'s");
                recoverClaim.accept(claim);
            }
        });
    }

    /**
     * Each period: renews the lease, publishes this node's sessions if they changed, then takes over the rows of nodes
     * whose lease ran out.
     */
    void tick() {
        safely(() -> {
            renew();
            publishSessions();
            takeOverExpired();
        });
    }

    private void publishSessions() {
        Map<String, Integer> now = Map.copyOf(localSessions.get());
        if (!now.equals(published)) {
            leases.publishSessions(localDomain, nodeId, now);
            published = now;
        }
    }

    /** A database that fails now is tried again at the next renewal; nothing here may stop the renewals. */
    private void safely(Runnable step) {
        try {
            step.run();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "node " + nodeId + " of " + localDomain + " cannot use the node table now; next"
                    + " try in " + renewEvery().toSeconds() + " s", e);
        }
    }

    /** The domain's nodes with their last renewal, for the operator. */
    List<Lease> nodes() {
        return leases.nodes(localDomain);
    }

    /** Which node holds sessions with which peer, as each node last published it (at most a renewal ago). */
    List<PeerSessions> sessions() {
        return leases.sessions(localDomain);
    }

    private void renew() {
        long now = clock.millis();
        long last = lastRenewal;
        var before = leases.renew(localDomain, new Lease(nodeId, incarnation, url, now));
        long took = clock.millis() - now;
        lastRenewal = now;
        if (last > 0 && now - last + took > lease.toMillis() / 2) {
            // half the lease gone between two renewals: the other nodes are close to taking this one for dead
            LOG.warning(() -> "node " + nodeId + " of " + localDomain + " renewed its lease " + (now - last)
                    + " ms after the previous renewal (the write took " + took + " ms; the lease is "
                    + lease.toMillis() + " ms): threads or the database are starved");
        }
        if (before.isEmpty() && last > 0) {
            published = null; // the takeover deleted what this node had published
            LOG.severe(() -> "node " + nodeId + " of " + localDomain + " was presumed dead (no renewal for "
                    + lease.toSeconds() + " s) and another node took over its queued requests; it goes on with what"
                    + " it holds, and the peers' dedupe answers what both send");
        } else if (before.isPresent() && !before.get().incarnation().equals(incarnation)
                && now - before.get().renewedAtMillis() < renewEvery().toMillis()) {
            LOG.warning(() -> "node id " + nodeId + " of " + localDomain + " was renewed " + (now - before.get()
                    .renewedAtMillis()) + " ms ago by another run: if another node runs with this nodeId, give each"
                    + " node its own");
        }
    }

    /** Nodes of the domain whose lease held at the last renewal, this one included. */
    int liveNodes() {
        return liveNodes;
    }

    private void takeOverExpired() {
        long now = clock.millis();
        long staleBefore = now - lease.toMillis();
        List<Lease> all = leases.nodes(localDomain);
        liveNodes = (int) Math.max(1, all.stream().filter(l -> l.holdsAt(now, lease)).count());
        for (Lease other : all) {
            if (other.nodeId().equals(nodeId) || other.holdsAt(now, lease)) {
                continue;
            }
            String claim = claimName(other.nodeId());
            leases.claim(localDomain, other.nodeId(), staleBefore, nodeId, claim).ifPresent(rows -> {
                LOG.warning(() -> "node " + other.nodeId() + " of " + localDomain + " has not renewed its lease for "
                        + (clock.millis() - other.renewedAtMillis()) / 1000 + " s: " + nodeId + " took over its "
                        + rows + " queued request(s)");
                if (rows > 0) {
                    recoverClaim.accept(claim);
                }
            });
        }
    }

    /** Unique per takeover: rows taken earlier from the same node are not read back twice. */
    private String claimName(String from) {
        String name = nodeId + "<" + from + "@" + clock.millis() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() <= 255 ? name : name.substring(name.length() - 255);
    }
}
