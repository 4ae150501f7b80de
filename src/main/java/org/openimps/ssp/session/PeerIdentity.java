package org.openimps.ssp.session;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the TLS layer proved about the sender of an inbound message: the DNS names (subject alternative names and
 * common name) of the client certificate it presented, none without one or over plain HTTP.
 */
public record PeerIdentity(Set<String> certificateNames) {
    public static final PeerIdentity NONE = new PeerIdentity(Set.of());

    public PeerIdentity {
        certificateNames = certificateNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the certificate names this IMPS domain (exactly, or by a wildcard one level below it). */
    public boolean proves(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return certificateNames.contains(d) || certificateNames.stream()
                .anyMatch(n -> n.startsWith("*.") && d.endsWith(n.substring(1)) && d.indexOf('.') == d.length() - n.length() + 1);
    }

    @Override
    public String toString() {
        return certificateNames.isEmpty() ? "no client certificate" : "client certificate for " + certificateNames;
    }
}
