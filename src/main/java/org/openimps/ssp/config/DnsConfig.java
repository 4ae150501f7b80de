package org.openimps.ssp.config;

import jakarta.json.bind.annotation.JsonbCreator;
import java.util.ArrayList;
import java.util.List;

/**
 * How peers without a URL are found: DNS SRV {@code _imps-server._tcp.<domain>}. Immutable; JSON keys are the
 * component names, and a key left out takes its default.
 *
 * @param servers              resolvers as {@code host} or {@code host:port}. Default none: the system's resolvers.
 * @param timeoutMillis        how long one DNS query may take. Default 2000.
 * @param maxCacheSeconds      longest we keep an answer, whatever its TTL. Default 3600.
 * @param negativeCacheSeconds longest we remember that a domain has no SRV records (for its zone's negative TTL,
 *                             RFC 2308, at most this). Default 60.
 * @param maxCachedDomains     most names (SRV names and their targets) whose answers we keep; the least recently
 *                             used go first. Default 1024.
 */
public record DnsConfig(List<String> servers, Integer timeoutMillis, Integer maxCacheSeconds,
                        Integer negativeCacheSeconds, Integer maxCachedDomains) {

    @JsonbCreator
    public DnsConfig {
        servers = servers == null ? List.of() : List.copyOf(servers);
        timeoutMillis = timeoutMillis == null ? 2_000 : timeoutMillis;
        maxCacheSeconds = maxCacheSeconds == null ? 3_600 : maxCacheSeconds;
        negativeCacheSeconds = negativeCacheSeconds == null ? 60 : negativeCacheSeconds;
        maxCachedDomains = maxCachedDomains == null ? 1_024 : maxCachedDomains;
    }

    /** Every default: the system's resolvers. */
    public static DnsConfig defaults() {
        return new DnsConfig(null, null, null, null, null);
    }

    List<String> problems() {
        List<String> out = new ArrayList<>();
        if (timeoutMillis < 1 || maxCacheSeconds < 0 || negativeCacheSeconds < 0 || maxCachedDomains < 1) {
            out.add("dns.timeoutMillis and dns.maxCachedDomains must be positive, cache times not negative");
        }
        for (String s : servers) {
            if (s == null || s.isBlank()) {
                out.add("dns.servers has an empty entry");
            }
        }
        return out;
    }
}
