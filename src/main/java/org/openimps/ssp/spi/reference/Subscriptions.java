package org.openimps.ssp.spi.reference;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openimps.ssp.protocol.ImpsAddress;

/**
 * Who, in other domains, subscribed to the presence of each local user: bounded per user, thread-safe. The
 * subscribers of one domain are told of a change in one PresenceNotification naming them all.
 */
final class Subscriptions {
    /** Remote subscribers kept per local user; later ones are refused. */
    static final int MAX_PER_USER = 256;

    private final Map<String, Set<ImpsAddress>> byUser = new ConcurrentHashMap<>();

    /** False when the user already has {@link #MAX_PER_USER} subscribers. */
    boolean add(String localUser, ImpsAddress subscriber) {
        Set<ImpsAddress> set = byUser.computeIfAbsent(localUser, u -> new LinkedHashSet<>());
        synchronized (set) {
            return set.contains(subscriber) || set.size() < MAX_PER_USER && set.add(subscriber);
        }
    }

    void remove(String localUser, ImpsAddress subscriber) {
        Set<ImpsAddress> set = byUser.get(localUser);
        if (set != null) {
            synchronized (set) {
                set.remove(subscriber);
            }
        }
    }

    /** The subscribers of {@code localUser}, grouped by their domain, as {@code wv:} ids. */
    Map<String, List<String>> byDomain(String localUser) {
        Set<ImpsAddress> set = byUser.getOrDefault(localUser, Set.of());
        Map<String, List<String>> out = new LinkedHashMap<>();
        synchronized (set) {
            for (ImpsAddress a : set) {
                out.computeIfAbsent(a.domain().toLowerCase(Locale.ROOT), d -> new java.util.ArrayList<>()).add(a.toString());
            }
        }
        return out;
    }
}
