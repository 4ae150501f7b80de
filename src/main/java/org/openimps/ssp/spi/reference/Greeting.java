package org.openimps.ssp.spi.reference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.openimps.ssp.config.ReferenceServiceConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.protocol.ImpsAddress;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.runtime.Ssp;

/**
 * Sends each configured greeting once after start-up, every 2 s until the peer's domain answers 200 (it may
 * still be deploying), at most 60 tries; then logs where to see it arrive.
 */
@ApplicationScoped
public class Greeting {
    private static final Logger LOG = Logger.getLogger(Greeting.class.getName());
    private static final int MAX_TRIES = 60;

    @Inject
    SspConfig config;
    @Inject
    ReferenceImpsService service;
    @Inject
    @Ssp
    ScheduledExecutorService scheduler;

    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();

    public void start() {
        config.getReference().allGreetings().forEach(g -> schedule(g, new AtomicInteger(), 2));
    }

    @PreDestroy
    void stop() {
        scheduled.forEach(f -> f.cancel(false));
    }

    private void schedule(ReferenceServiceConfig.Greeting greeting, AtomicInteger tries, long delaySeconds) {
        scheduled.removeIf(ScheduledFuture::isDone); // bounded: at most one live future per greeting
        scheduled.add(scheduler.schedule(() -> attempt(greeting, tries), delaySeconds, TimeUnit.SECONDS));
    }

    private void attempt(ReferenceServiceConfig.Greeting greeting, AtomicInteger tries) {
        service.sendMessage(greeting.getFrom(), greeting.getTo(), greeting.getText()).whenComplete((reply, error) -> {
            if (error == null && reply.status().getCode() == 200) {
                LOG.info(() -> "demo: " + greeting.getFrom() + "@" + config.getDomain() + " -> " + greeting.getTo()
                        + ": " + describe(reply) + "; see it in the inbox on " + consoleOf(greeting.getTo()));
            } else if (tries.incrementAndGet() < MAX_TRIES) {
                schedule(greeting, tries, 2);
            } else {
                LOG.warning(() -> "demo greeting to " + greeting.getTo() + " gave up: "
                        + (error != null ? error : reply.status()));
            }
        });
    }

    private static String describe(Reply reply) {
        return reply.status() + " (txn " + reply.transactionId() + ")";
    }

    private String consoleOf(String userId) {
        return ImpsAddress.parse(userId).flatMap(a -> config.getPeers().stream()
                        .filter(p -> p.getDomain().equalsIgnoreCase(a.domain()) && p.hasUrl()).findFirst())
                .map(p -> p.uri().resolve(".").toString()).orElse(userId);
    }
}
