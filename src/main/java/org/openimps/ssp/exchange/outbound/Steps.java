package org.openimps.ssp.exchange.outbound;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the outbound pipeline's steps on its bounded workers. When they and their queue are all taken (a queue of
 * thousands released at once), a step waits briefly on the scheduler and tries again: it is already accepted, so
 * it is delayed, never refused. Once stopped, a step does not run: its {@code ifStopped} does, at once, so that
 * whoever waits on it learns so and nothing spins.
 */
final class Steps {
    private static final long BUSY_RETRY_MILLIS = 20;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService scheduler;
    private final java.util.List<ScheduledFuture<?>> repeating = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    Steps(ThreadPoolExecutor workers, ScheduledExecutorService scheduler) {
        this.workers = workers;
        this.scheduler = scheduler;
    }

    void run(Runnable step, Runnable ifStopped) {
        if (stopped) {
            ifStopped.run();
            return;
        }
        try {
            workers.execute(step);
        } catch (RejectedExecutionException busy) {
            later(() -> run(step, ifStopped), BUSY_RETRY_MILLIS, ifStopped);
        }
    }

    /** Runs {@code step} after {@code millis} on the scheduler; {@code ifStopped} at once when it cannot be. */
    void later(Runnable step, long millis, Runnable ifStopped) {
        if (schedule(step, millis) == null) {
            ifStopped.run();
        }
    }

    /** Schedules {@code step} after {@code millis}; null once stopped (the scheduler stops with the deployment). */
    ScheduledFuture<?> schedule(Runnable step, long millis) {
        try {
            return stopped ? null : scheduler.schedule(step, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs {@code step} every {@code periodMillis} until stopped (housekeeping: a missed run is harmless). */
    void repeat(Runnable step, long periodMillis) {
        try {
            repeating.add(scheduler.scheduleWithFixedDelay(() -> {
                if (!stopped) {
                    step.run();
                }
            }, periodMillis, Math.max(1, periodMillis), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // stopping already
        }
    }

    /** An executor for stages: steps that find the pipeline stopped are dropped (their delivery was told). */
    void execute(Runnable step) {
        run(step, () -> { });
    }

    boolean stopped() {
        return stopped;
    }

    /** No step runs from now on; the workers finish the ones they hold. */
    void stop() {
        stopped = true;
        repeating.forEach(task -> task.cancel(false));
        workers.shutdown();
    }
}
