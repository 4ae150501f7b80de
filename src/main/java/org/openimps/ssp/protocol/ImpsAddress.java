package org.openimps.ssp.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * A user address {@code wv:alice@alpha.example} split into user and domain (domain lower-cased).
 *
 * @param user   the local part
 * @param domain the IMPS domain
 */
public record ImpsAddress(String user, String domain) {

    public static Optional<ImpsAddress> parse(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        String s = withoutScheme(userId);
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ImpsAddress(s.substring(0, at), s.substring(at + 1).toLowerCase(Locale.ROOT)));
    }

    /**
     * The domain of an address or service id, lower-cased: accepts {@code wv:u@d}, {@code wv:@d}, {@code wv:d},
     * {@code @d} and plain {@code d}.
     */
    public static Optional<String> domainOf(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String s = withoutScheme(id);
        s = s.substring(s.lastIndexOf('@') + 1);
        return s.isEmpty() ? Optional.empty() : Optional.of(s.toLowerCase(Locale.ROOT));
    }

    private static String withoutScheme(String id) {
        String s = id.strip();
        return s.regionMatches(true, 0, "wv:", 0, 3) ? s.substring(3) : s;
    }

    @Override
    public String toString() {
        return "wv:" + user + "@" + domain;
    }
}
