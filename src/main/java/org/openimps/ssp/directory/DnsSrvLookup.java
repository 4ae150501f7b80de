package org.openimps.ssp.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openimps.ssp.config.DnsConfig;
import org.openimps.ssp.config.SspConfig;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * SRV lookups with dnsjava's message codec, against the configured resolvers or the system's. Target addresses that the
 * configured resolvers give (in the additional section, or by an A/AAAA query) go to {@link HostAddresses}, so
 * a private DNS view is honoured end to end. Truncated answers are asked again over TCP.
 */
@ApplicationScoped
public class DnsSrvLookup implements SrvLookup {
    private List<String> servers;
    private Duration timeout;
    /** Made at the first lookup: deployments whose peers all have URLs never touch DNS. */
    private volatile DnsClient resolver;
    private boolean ownServers;
    private HostAddresses hosts;

    protected DnsSrvLookup() {
        // for the CDI client proxy
    }

    @Inject
    public DnsSrvLookup(SspConfig config, HostAddresses hosts) {
        this(config.getDns(), hosts);
    }

    public DnsSrvLookup(DnsConfig dns, HostAddresses hosts) {
        this.hosts = hosts;
        this.ownServers = !dns.getServers().isEmpty();
        this.servers = dns.getServers();
        this.timeout = Duration.ofMillis(dns.getTimeoutMillis());
    }

    @Override
    public List<SrvRecord> lookup(String domain) throws DiscoveryException {
        String service = SERVICE + domain;
        Message answer = query(service, Type.SRV);
        if (answer.getRcode() == Rcode.NXDOMAIN) {
            return List.of();
        }
        List<SrvRecord> out = new ArrayList<>();
        for (Record r : answer.getSection(Section.ANSWER)) {
            // a target of "." says the service is decidedly not available at this domain (RFC 2782)
            if (r instanceof SRVRecord srv && srv.getTarget().labels() > 1) {
                out.add(new SrvRecord(srv.getPriority(), srv.getWeight(), srv.getPort(),
                        srv.getTarget().toString(true), srv.getTTL()));
            }
        }
        if (ownServers) {
            rememberAddresses(answer, out);
        }
        return out;
    }

    private void rememberAddresses(Message srvAnswer, List<SrvRecord> records) throws DiscoveryException {
        for (SrvRecord r : records) {
            List<Record> found = addressRecords(srvAnswer, Section.ADDITIONAL, r.host());
            if (found.isEmpty()) {
                found = addressRecords(query(r.host(), Type.A), Section.ANSWER, r.host());
            }
            if (!found.isEmpty()) {
                InetAddress[] addresses = found.stream().map(DnsSrvLookup::addressOf).toArray(InetAddress[]::new);
                hosts.put(r.host(), addresses, found.stream().mapToLong(Record::getTTL).min().orElse(0));
            }
        }
    }

    private static List<Record> addressRecords(Message message, int section, String host) {
        return message.getSection(section).stream()
                .filter(x -> x instanceof ARecord || x instanceof AAAARecord)
                .filter(x -> x.getName().toString(true).equalsIgnoreCase(host))
                .toList();
    }

    private static InetAddress addressOf(Record r) {
        return r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress();
    }

    private DnsClient resolver() {
        DnsClient r = resolver;
        if (r == null) {
            List<InetSocketAddress> addresses = ownServers
                    ? servers.stream().map(DnsSrvLookup::serverAddress).toList()
                    : SystemResolvers.read(SystemResolvers.RESOLV_CONF);
            r = new DnsClient(addresses, timeout);
            resolver = r;
        }
        return r;
    }

    private Message query(String name, int type) throws DiscoveryException {
        Message answer;
        try {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
            answer = resolver().send(query);
        } catch (TextParseException e) {
            throw new DiscoveryException("not a DNS name: " + name, e);
        } catch (IOException e) {
            throw new DiscoveryException("DNS query for " + name + " failed: " + e.getMessage(), e);
        }
        int rcode = answer.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new DiscoveryException("DNS answered " + Rcode.string(rcode) + " for " + name);
        }
        return answer;
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
