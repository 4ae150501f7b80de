package org.openimps.ssp.directory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openimps.ssp.config.DnsConfig;

/**
 * Keeps SRV answers for their TTL (at most {@code dns.maxCacheSeconds}); "no records" for
 * {@code dns.negativeCacheSeconds}. Failures are not kept: the next handshake asks again. Bounded.
 */
public final class CachedSrvLookup implements SrvLookup {
    private final SrvLookup dns;
    private final DnsConfig config;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public CachedSrvLookup(SrvLookup dns, DnsConfig config, Clock clock) {
        this.dns = dns;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public List<SrvRecord> lookup(String domain) throws DiscoveryException {
        String key = domain.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Entry cached = cache.get(key);
        if (cached != null && now.isBefore(cached.expires)) {
            return cached.records;
        }
        List<SrvRecord> records = List.copyOf(dns.lookup(domain));
        long ttl = records.isEmpty() ? config.getNegativeCacheSeconds()
                : Math.min(records.stream().mapToLong(SrvRecord::ttlSeconds).min().orElse(0), config.getMaxCacheSeconds());
        if (ttl > 0) {
            makeRoom(now);
            cache.put(key, new Entry(records, now.plusSeconds(ttl)));
        }
        return records;
    }

    private void makeRoom(Instant now) {
        if (cache.size() < config.getMaxCachedDomains()) {
            return;
        }
        cache.values().removeIf(e -> !now.isBefore(e.expires));
        if (cache.size() >= config.getMaxCachedDomains()) {
            cache.keySet().stream().findAny().ifPresent(cache::remove);
        }
    }

    private record Entry(List<SrvRecord> records, Instant expires) {
    }
}
