package org.openimps.ssp.runtime;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The container's managed executors, exposed under {@link Ssp} as plain {@code java.util.concurrent} types so
 * the inner layers never see Jakarta Concurrency. ({@code @Inject ManagedExecutorService} alone is unsatisfied
 * on both servers; a producer over the standard JNDI names works on both.)
 */
@ApplicationScoped
public class ContainerResources {

    @Produces
    @Ssp
    @Typed(ExecutorService.class)
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService executor;

    @Produces
    @Ssp
    @Typed(ScheduledExecutorService.class)
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    @Produces
    @Ssp
    @Typed(ThreadFactory.class)
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;

    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
