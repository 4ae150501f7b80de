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
 * still be deploying), at most 60 tries; then logs where to see it arrive, and shows the rest of what federates:
 * a presence subscription, an invitation and a presence notification.
 */
@ApplicationScoped
public class Greeting {
    private static final Logger LOG = Logger.getLogger(Greeting.class.getName());
    private static final int MAX_TRIES = 60;
    /** After the follow-ups, when the greeter announces its presence (the other domain has subscribed by then). */
    private static final long ANNOUNCE_SECONDS = 5;

    @Inject
    SspConfig config;
    @Inject
    ReferenceImpsService service;
    @Inject
    @Ssp
    ScheduledExecutorService scheduler;

    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();

    public void start() {
        config.reference().allGreetings().forEach(g -> schedule(g, new AtomicInteger(), 2));
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
        service.sendMessage(greeting.from(), greeting.to(), greeting.text()).whenComplete((reply, error) -> {
            if (error == null && reply.status().getCode() == 200) {
                LOG.info(() -> "demo: " + greeting.from() + "@" + config.domain() + " -> " + greeting.to()
                        + ": " + describe(reply) + "; see it in the inbox on " + consoleOf(greeting.to()));
                followUp(greeting);
            } else if (tries.incrementAndGet() < MAX_TRIES) {
                schedule(greeting, tries, 2);
            } else {
                LOG.warning(() -> "demo greeting to " + greeting.to() + " gave up: "
                        + (error != null ? error : reply.status()));
            }
        });
    }

    /**
     * The rest of what federates, once the peer is up: the greeter subscribes to the greeted user's presence and
     * invites them; a little later it announces its own presence, which notifies the domains subscribed to it.
     */
    private void followUp(ReferenceServiceConfig.Greeting greeting) {
        String who = greeting.from() + "@" + config.domain();
        service.subscribe(greeting.from(), greeting.to()).whenComplete((reply, error) -> LOG.info(() ->
                "demo: " + who + " subscribes to the presence of " + greeting.to() + ": " + outcome(reply, error)));
        service.invite(greeting.from(), greeting.to(), service.newId(), "a chat, " + greeting.from() + "?")
                .whenComplete((reply, error) -> LOG.info(() -> "demo: " + who + " invites " + greeting.to() + ": "
                        + outcome(reply, error)));
        scheduled.add(scheduler.schedule(() -> service.setPresence(greeting.from(), "AVAILABLE",
                "greeted " + greeting.to()).forEach(stage -> stage.whenComplete((reply, error) -> LOG.info(() ->
                "demo: " + who + "'s presence notified: " + outcome(reply, error)))), ANNOUNCE_SECONDS, TimeUnit.SECONDS));
    }

    private static String outcome(Reply reply, Throwable error) {
        return error != null ? error.toString() : describe(reply);
    }

    private static String describe(Reply reply) {
        return reply.status() + " (txn " + reply.transactionId() + ")";
    }

    private String consoleOf(String userId) {
        return ImpsAddress.parse(userId).flatMap(a -> config.peers().stream()
                        .filter(p -> p.domain().equalsIgnoreCase(a.domain()) && p.hasUrl()).findFirst())
                .map(p -> p.uri().resolve(".").toString()).orElse(userId);
    }
}
