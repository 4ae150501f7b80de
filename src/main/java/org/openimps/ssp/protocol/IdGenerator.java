package org.openimps.ssp.protocol;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the ids we send: transaction ids ({@code <random prefix>_<counter>}, unique across restarts) and
 * session ids (128 random bits), all meeting the strict {@code 1*(alnum|_)} grammar.
 */
public final class IdGenerator {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final String prefix = randomToken(8);
    private final AtomicLong counter = new AtomicLong();

    public String nextTransactionId() {
        return prefix + "_" + Long.toString(counter.incrementAndGet(), 36);
    }

    /** A fresh strict session id. */
    public String newSessionId() {
        return randomToken(22);
    }

    /** The {@code <number>@<domain>} form that some peers insist on. */
    public String newDomainSessionId(String ownDomain) {
        return Long.toUnsignedString(random.nextLong() & Long.MAX_VALUE) + "@" + ownDomain;
    }

    private String randomToken(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
