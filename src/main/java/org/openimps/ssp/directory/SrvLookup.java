package org.openimps.ssp.directory;

import java.util.List;

/** Asks DNS for a domain's {@code _imps-server._tcp} SRV records. */
public interface SrvLookup {
    /** The SRV service name of an IMPS server (protocol page, "Session establishment"). */
    String SERVICE = "_imps-server._tcp.";

    /**
     * @return the records, empty when the domain has none (NXDOMAIN or no SRV answer)
     * @throws DiscoveryException when DNS did not answer usably (timeout, SERVFAIL, truncation)
     */
    List<SrvRecord> lookup(String domain) throws DiscoveryException;
}
