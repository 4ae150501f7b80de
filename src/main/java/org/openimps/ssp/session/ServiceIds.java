package org.openimps.ssp.session;

import java.util.Optional;
import org.openimps.ssp.protocol.ImpsAddress;

/** {@code serviceID="wv:@alpha.example"}: the form we send, and the domain in the forms peers send. */
public final class ServiceIds {
    private ServiceIds() {
    }

    public static String of(String domain) {
        return "wv:@" + domain;
    }

    /** The domain of a serviceID; accepts {@code wv:@d}, {@code wv:d}, {@code @d} and plain {@code d}. */
    public static Optional<String> domainOf(String serviceId) {
        return ImpsAddress.domainOf(serviceId);
    }
}
