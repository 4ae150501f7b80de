package org.openimps.ssp.exchange;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.openimps.ssp.wire.MalformedMessageException;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.SspMessage;
import org.openimps.ssp.wire.Transaction;

/**
 * The stored form of a transaction: a complete SSP message (JAXB, as on the wire) whose session id is never read
 * back, because the session it will travel in may not exist yet (after a restart, a new handshake). Requests
 * are stored under a placeholder session id; answers as they first went on the wire.
 */
public final class StoredTransactions {
    private static final String NO_SESSION = "stored";

    private final SspCodec codec;

    public StoredTransactions(SspCodec codec) {
        this.codec = codec;
    }

    public byte[] encode(Transaction transaction) {
        return codec.encode(SspMessage.session(NO_SESSION, transaction));
    }

    public Transaction decode(byte[] stored) throws MalformedMessageException {
        return codec.decode(stored).getSession().getTransactions().get(0);
    }

    /** SHA-256 of the primitive alone (no session, no transaction id): a resend in another session matches it. */
    public String fingerprint(Transaction transaction) {
        byte[] canonical = encode(new Transaction(transaction.mode().orElse(null), "0", transaction.getPayload()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
