package org.openimps.ssp.directory;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.openimps.ssp.config.DnsConfig;
import org.openimps.ssp.config.SspConfig;
import org.xbill.DNS.Credibility;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NioClient;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.config.ResolvConfResolverConfigProvider;

/**
 * SRV lookups with dnsjava: its {@link ExtendedResolver} over the configured servers (or resolv.conf's), which
 * asks them in turn and again over TCP when an answer is truncated, and its {@code Cache} (in {@link HostAddresses})
 * for TTLs. When our own servers are configured, the addresses of the targets they give (in the additional section,
 * or by an A query) stay in that cache, so a private DNS view is honoured end to end.
 * <p>
 * dnsjava's {@code Lookup} and its no-argument resolvers are not used: their static defaults read every resolver
 * configuration source, JNDI included, which on Payara blocks inside the server's naming service. The resolvers'
 * I/O thread (dnsjava's NIO selector) stops with the deployment.
 */
@ApplicationScoped
public class DnsSrvLookup implements SrvLookup {
    private static final Logger LOG = Logger.getLogger(DnsSrvLookup.class.getName());

    private List<String> servers;
    private Duration timeout;
    /** Made at the first lookup: deployments whose peers all have URLs never touch DNS. */
    private volatile Resolver resolver;
    private boolean ownServers;
    private HostAddresses hosts;

    protected DnsSrvLookup() {
        // for the CDI client proxy
    }

    @Inject
    public DnsSrvLookup(SspConfig config, HostAddresses hosts) {
        this(config.dns(), hosts);
    }

    public DnsSrvLookup(DnsConfig dns, HostAddresses hosts) {
        this.hosts = hosts;
        this.ownServers = !dns.servers().isEmpty();
        this.servers = dns.servers();
        this.timeout = Duration.ofMillis(dns.timeoutMillis());
    }

    /** Stops dnsjava's I/O thread and its JVM shutdown hook, which would otherwise outlive the deployment. */
    @PreDestroy
    void close() {
        if (resolver != null) {
            NioClient.close();
        }
    }

    @Override
    public List<SrvRecord> lookup(String domain) throws DiscoveryException {
        List<SrvRecord> out = new ArrayList<>();
        for (RRset set : answers(name(SERVICE + domain), Type.SRV)) {
            for (Record r : set.rrs()) {
                // a target of "." says the service is decidedly not available at this domain (RFC 2782)
                if (r instanceof SRVRecord srv && srv.getTarget().labels() > 1) {
                    out.add(new SrvRecord(srv.getPriority(), srv.getWeight(), srv.getPort(),
                            srv.getTarget().toString(true), srv.getTTL()));
                }
            }
        }
        if (ownServers) {
            for (SrvRecord r : out) {
                if (hosts.lookup(r.host()).isEmpty()) {
                    answers(name(r.host()), Type.A); // not in the additional section: ask, and keep it
                }
            }
        }
        return out;
    }

    /**
     * The records from the cache while their TTL lasts (absence too, for the SOA's negative TTL), else from DNS,
     * then kept; empty when there are none.
     */
    private List<RRset> answers(Name name, int type) throws DiscoveryException {
        SetResponse cached = hosts.cache().lookupRecords(name, type, Credibility.NORMAL);
        if (cached.isSuccessful()) {
            return cached.answers();
        }
        if (cached.isNXDOMAIN() || cached.isNXRRSET()) {
            return List.of();
        }
        Message answer;
        try {
            answer = resolver().send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException e) {
            throw new DiscoveryException("DNS query for " + name + " failed: " + e.getMessage(), e);
        }
        int rcode = answer.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new DiscoveryException("DNS answered " + Rcode.string(rcode) + " for " + name);
        }
        SetResponse added = hosts.cache().addMessage(answer);
        return added != null && added.isSuccessful() ? added.answers() : List.of();
    }

    private Resolver resolver() throws DiscoveryException {
        Resolver r = resolver;
        if (r == null) {
            List<InetSocketAddress> addresses = ownServers ? servers.stream().map(DnsSrvLookup::serverAddress).toList()
                    : systemServers();
            if (addresses.isEmpty()) {
                throw new DiscoveryException("no DNS server configured (dns.servers) or found in /etc/resolv.conf");
            }
            ExtendedResolver extended = new ExtendedResolver(addresses.stream().<Resolver>map(SimpleResolver::new).toList());
            extended.setTimeout(timeout);
            resolver = r = extended;
        }
        return r;
    }

    /** The {@code nameserver} lines of resolv.conf, as dnsjava reads them. */
    private static List<InetSocketAddress> systemServers() {
        ResolvConfResolverConfigProvider resolvConf = new ResolvConfResolverConfigProvider();
        resolvConf.initialize(); // a missing or unreadable file leaves no servers
        List<InetSocketAddress> found = resolvConf.servers();
        if (found.isEmpty()) {
            LOG.warning("no nameserver in /etc/resolv.conf; set dns.servers");
        }
        return found;
    }

    private static Name name(String text) throws DiscoveryException {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new DiscoveryException("not a DNS name: " + text, e);
        }
    }

    private static InetSocketAddress serverAddress(String server) {
        int colon = server.lastIndexOf(':');
        boolean hasPort = colon > 0 && server.indexOf(':') == colon;
        String host = hasPort ? server.substring(0, colon) : server;
        int port = hasPort ? Integer.parseInt(server.substring(colon + 1)) : 53;
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("dns server " + server + ": " + e.getMessage(), e);
        }
    }
}
