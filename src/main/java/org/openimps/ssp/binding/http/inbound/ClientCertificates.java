package org.openimps.ssp.binding.http.inbound;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.openimps.ssp.session.PeerIdentity;

/** The DNS names of the client certificate the container verified for this request (mutual TLS). */
final class ClientCertificates {
    private static final String ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    private static final int SAN_DNS_NAME = 2;

    private ClientCertificates() {
    }

    static PeerIdentity of(HttpServletRequest request) {
        if (!(request.getAttribute(ATTRIBUTE) instanceof X509Certificate[] chain) || chain.length == 0) {
            return PeerIdentity.NONE;
        }
        X509Certificate leaf = chain[0];
        Set<String> names = new HashSet<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    if (san.size() == 2 && Integer.valueOf(SAN_DNS_NAME).equals(san.get(0)) && san.get(1) instanceof String dns) {
                        names.add(dns);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a certificate whose SAN cannot be read proves nothing by it; its CN may still
        }
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    names.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // no usable CN
        }
        return new PeerIdentity(names);
    }
}
