package org.openimps.ssp.session;

import java.util.Locale;
import java.util.Optional;

/** {@code serviceID="wv:@alpha.example"}: the form we send, and the domain in the forms peers send. */
public final class ServiceIds {
    private ServiceIds() {
    }

    public static String of(String domain) {
        return "wv:@" + domain;
    }

    /** The domain of a serviceID; accepts {@code wv:@d}, {@code wv:d}, {@code @d} and plain {@code d}. */
    public static Optional<String> domainOf(String serviceId) {
        if (serviceId == null) {
            return Optional.empty();
        }
        String s = serviceId.strip();
        if (s.regionMatches(true, 0, "wv:", 0, 3)) {
            s = s.substring(3);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s.toLowerCase(Locale.ROOT));
    }
}
