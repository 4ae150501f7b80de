package org.openimps.ssp.binding.http.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.openimps.ssp.directory.HostAddresses;

/** Connects to SRV targets at the addresses discovery found for them; other hosts resolve as usual. */
final class DirectoryDnsResolver implements DnsResolver {
    private final HostAddresses discovered;

    DirectoryDnsResolver(HostAddresses discovered) {
        this.discovered = discovered;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        var found = discovered.lookup(host);
        return found.isPresent() ? found.get() : SystemDefaultDnsResolver.INSTANCE.resolve(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
