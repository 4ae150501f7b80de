package org.openimps.ssp.config;

import java.util.ArrayList;
import java.util.List;

/** How peers without a URL are found: DNS SRV {@code _imps-server._tcp.<domain>}. JSON keys are the field names. */
public class DnsConfig {
    /** Resolvers as {@code host} or {@code host:port}. Default none: the system's resolvers. */
    private List<String> servers = new ArrayList<>();
    /** How long one DNS query may take, milliseconds. Default 2000. */
    private int timeoutMillis = 2_000;
    /** Longest we keep an answer, whatever its TTL, seconds. Default 3600. */
    private int maxCacheSeconds = 3_600;
    /**
     * Longest we remember that a domain has no SRV records (for its zone's negative TTL, RFC 2308, at most this),
     * seconds. Default 60.
     */
    private int negativeCacheSeconds = 60;
    /** Most names (SRV names and their targets) whose answers we keep; the least recently used go first. Default 1024. */
    private int maxCachedDomains = 1_024;

    public List<String> getServers() {
        return List.copyOf(servers);
    }

    public int getTimeoutMillis() {
        return timeoutMillis;
    }

    public int getMaxCacheSeconds() {
        return maxCacheSeconds;
    }

    public int getNegativeCacheSeconds() {
        return negativeCacheSeconds;
    }

    public int getMaxCachedDomains() {
        return maxCachedDomains;
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
