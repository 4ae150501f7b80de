package org.openimps.ssp.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Addresses of SRV target hosts as our configured DNS servers gave them, so the HTTP client connects where
 * discovery pointed while URLs keep the host name (for TLS host name checks). Hosts not here go to the
 * system resolver. Bounded; entries expire with their TTL.
 */
@ApplicationScoped
public class HostAddresses {
    static final int MAX_HOSTS = 4_096;

    private final Map<String, Entry> hosts = new ConcurrentHashMap<>();
    private Clock clock;

    protected HostAddresses() {
        // for the CDI client proxy
    }

    @Inject
    public HostAddresses(Clock clock) {
        this.clock = clock;
    }

    public void put(String host, InetAddress[] addresses, long ttlSeconds) {
        Instant now = clock.instant();
        if (hosts.size() >= MAX_HOSTS) {
            hosts.values().removeIf(e -> !now.isBefore(e.expires));
            if (hosts.size() >= MAX_HOSTS) {
                return; // the system resolver still answers for this host
            }
        }
        hosts.put(key(host), new Entry(addresses.clone(), now.plusSeconds(Math.max(ttlSeconds, 1))));
    }

    public Optional<InetAddress[]> lookup(String host) {
        Entry e = hosts.get(key(host));
        if (e == null || !clock.instant().isBefore(e.expires)) {
            return Optional.empty();
        }
        return Optional.of(e.addresses.clone());
    }

    private static String key(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private record Entry(InetAddress[] addresses, Instant expires) {
    }
}
