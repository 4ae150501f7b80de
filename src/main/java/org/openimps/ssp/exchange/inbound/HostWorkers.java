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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.runtime.Ssp;

/**
 * Threads for host calls, made by the container's managed thread factory: {@code hostThreads} of them and a
 * queue of {@code maxQueuedInbound}. Host code may block (the bench holds 1 % of messages for 2 s); on the
 * container's default executor, sized for short tasks, those calls held back every other transaction.
 */
@ApplicationScoped
public class HostWorkers {
    private ThreadPoolExecutor pool;
    private long graceMillis;

    protected HostWorkers() {
        // for the CDI client proxy
    }

    @Inject
    public HostWorkers(SspConfig config, @Ssp ThreadFactory threads) {
        pool = BoundedPools.of(config.hostThreads(), config.maxQueuedInbound(), threads);
        graceMillis = config.shutdownGrace().toMillis();
    }

    /** @throws RejectedExecutionException when all threads are busy and the queue is full */
    public void execute(Runnable hostCall) {
        pool.execute(hostCall);
    }

    /**
     * Second step of an undeploy or shutdown, after the inbound gate drained: running and queued host calls
     * finish (their answers are stored and sent) for up to {@code shutdownGraceSeconds}.
     */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(2) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        pool.shutdown();
        try {
            pool.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
