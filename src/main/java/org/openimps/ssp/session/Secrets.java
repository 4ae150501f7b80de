package org.openimps.ssp.session;

import org.openimps.ssp.config.SecretEncoding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Session secrets and their digests. A secret is 128 random bits as 32 hex characters (peers mishandle base64
 * secrets); the digest is base64(MD5(secret as received, surrounding whitespace trimmed)).
 */
public final class Secrets {
    private final SecureRandom random = new SecureRandom();

    /** A fresh secret written as the peer's policy asks; the digest covers exactly this text. */
    public String newSecret(SecretEncoding encoding) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return encoding == SecretEncoding.BASE64 ? Base64.getEncoder().encodeToString(bytes) : HexFormat.of().formatHex(bytes);
    }

    /** The {@code encoding} attribute that goes with a secret written this way (none for hex, as peers expect). */
    public static String attributeFor(SecretEncoding encoding) {
        return encoding == SecretEncoding.BASE64 ? "base64" : null;
    }

    /** The digest we send for a secret the peer gave us. */
    public static String digestOf(String secretAsReceived) {
        return Base64.getEncoder().encodeToString(md5(secretAsReceived.strip()));
    }

    /**
     * Whether a digest the peer sent proves it knows our secret. Whitespace and line breaks inside the
     * base64 are ignored; the comparison takes the same time wherever the bytes differ.
     */
    public static boolean digestMatches(String receivedDigest, String ourSecret) {
        if (receivedDigest == null) {
            return false;
        }
        byte[] received;
        try {
            received = Base64.getMimeDecoder().decode(receivedDigest.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(received, md5(ourSecret));
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
