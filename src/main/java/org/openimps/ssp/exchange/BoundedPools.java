package org.openimps.ssp.exchange;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Thread pools of fixed size with a bounded queue, on the container's managed thread factory. Used where the
 * container's default executor would not do: it may grow its threads without bound (Payara started thousands
 * when a burst of sends all waited on the store) or queue without bound (WildFly).
 */
public final class BoundedPools {
    private BoundedPools() {
    }

    /** Beyond {@code threads} busy and {@code queue} waiting, {@code execute} throws RejectedExecutionException. */
    public static ThreadPoolExecutor of(int threads, int queue, ThreadFactory factory) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
