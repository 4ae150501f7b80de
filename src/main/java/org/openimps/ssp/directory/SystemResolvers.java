package org.openimps.ssp.directory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The system's DNS servers, from the {@code nameserver} lines of resolv.conf. (dnsjava's own detection also
 * tries JNDI, which on Payara blocks inside the application server's naming service.)
 */
final class SystemResolvers {
    private static final Logger LOG = Logger.getLogger(SystemResolvers.class.getName());
    static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private SystemResolvers() {
    }

    static List<InetSocketAddress> read(Path resolvConf) {
        List<InetSocketAddress> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(resolvConf)) {
                String[] words = line.strip().split("\\s+");
                if (words.length >= 2 && words[0].equals("nameserver")) {
                    out.add(new InetSocketAddress(InetAddress.getByName(words[1]), 53));
                }
            }
        } catch (UnknownHostException e) {
            LOG.warning(() -> resolvConf + " names a server that is not an address: " + e.getMessage());
        } catch (IOException e) {
            LOG.warning(() -> "cannot read " + resolvConf + ": " + e.getMessage() + "; set dns.servers");
        }
        return out;
    }
}
