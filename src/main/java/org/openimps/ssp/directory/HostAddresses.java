package org.openimps.ssp.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.openimps.ssp.config.DnsConfig;
import org.openimps.ssp.config.SspConfig;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.Credibility;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * What our configured DNS servers answered, kept for its TTL in dnsjava's {@link Cache} (bounded, least recently
 * used first out; at most {@code dns.maxCacheSeconds}, absence for at most {@code dns.negativeCacheSeconds}): the SRV
 * answers discovery reads, and the addresses of their targets, so that the HTTP client connects where discovery
 * pointed while URLs keep the host name (for TLS host name checks). Hosts not here go to the system resolver.
 */
@ApplicationScoped
public class HostAddresses {
    private Cache cache;

    protected HostAddresses() {
        // for the CDI client proxy
    }

    @Inject
    public HostAddresses(SspConfig config) {
        this(config.dns());
    }

    public HostAddresses(DnsConfig dns) {
        cache = new Cache(DClass.IN);
        cache.setMaxCache(dns.maxCacheSeconds());
        cache.setMaxNCache(dns.negativeCacheSeconds());
        cache.setMaxEntries(dns.maxCachedDomains());
    }

    /** The cache discovery adds DNS answers to and reads them from. */
    Cache cache() {
        return cache;
    }

    /** The addresses our DNS servers gave for a host, while their TTL lasts; empty when it has none. */
    public Optional<InetAddress[]> lookup(String host) {
        Name name;
        try {
            name = Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            return Optional.empty();
        }
        List<InetAddress> found = new java.util.ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            SetResponse cached = cache.lookupRecords(name, type, Credibility.ANY);
            if (cached.isSuccessful()) {
                for (RRset set : cached.answers()) {
                    set.rrs().forEach(r -> found.add(r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress()));
                }
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.toArray(InetAddress[]::new));
    }
}
