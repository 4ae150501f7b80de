package org.openimps.ssp.exchange.inbound;

import org.openimps.ssp.exchange.BoundedPools;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.runtime.Ssp;

/**
 * Hands decoded inbound messages to {@code inboundThreads} routing threads (made by the container's managed
 * thread factory), at most {@code maxQueuedInbound} at a time. The servlet asks before it acknowledges: a
 * full gate means HTTP 503 to the peer, never an unbounded backlog. Not the container's default executor:
 * its queue is unbounded on WildFly, and on Payara it captured thread context per task with a ServiceLoader
 * walk of the class path (the bench profile's top self time).
 */
@ApplicationScoped
public class InboundGate {
    private static final Logger LOG = Logger.getLogger(InboundGate.class.getName());

    private volatile boolean closed;
    private long graceMillis;
    private int maxQueued;
    private Semaphore permits;
    private ThreadPoolExecutor executor;
    private InboundRouter router;

    protected InboundGate() {
        // for the CDI client proxy
    }

    @Inject
    public InboundGate(SspConfig config, @Ssp ThreadFactory threads, InboundRouter router) {
        this.maxQueued = config.maxQueuedInbound();
        this.graceMillis = config.shutdownGrace().toMillis();
        this.permits = new Semaphore(maxQueued);
        this.executor = BoundedPools.of(config.inboundThreads(), maxQueued, threads);
        this.router = router;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Whether new messages are taken: false once the deployment stops. */
    public boolean open() {
        return !closed;
    }

    /** Queues the message for processing; false when the bound is reached or the executor refuses. */
    public boolean offer(InboundMessage message) {
        if (closed || !permits.tryAcquire()) {
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    router.route(message);
                } finally {
                    permits.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            permits.release();
            LOG.warning(() -> "executor refused inbound txn " + message.headerTxnId() + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * First step of an undeploy or shutdown: refuse new messages (503, the peer resends) and let the accepted
     * ones be routed, for up to {@code shutdownGraceSeconds}. Host calls and deliveries stop after this.
     */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(1) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        closed = true;
        try {
            if (!permits.tryAcquire(maxQueued, graceMillis, TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> queued() + " inbound message(s) still queued after the shutdown grace; their peers resend them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Messages accepted and not yet processed. */
    public int queued() {
        return maxQueued - permits.availablePermits();
    }
}
