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
        String s = userId.strip();
        if (s.regionMatches(true, 0, "wv:", 0, 3)) {
            s = s.substring(3);
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ImpsAddress(s.substring(0, at), s.substring(at + 1).toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return "wv:" + user + "@" + domain;
    }
}
