package org.openimps.ssp.exchange.outbound;

import java.time.Instant;

/**
 * An outbound request waiting for its peer, as the operator sees it.
 *
 * @param quarantineReason why it is set aside, or null when it only waits for the peer's backoff
 */
public record WaitingTransaction(String transactionId, String primitive, int attempts, String lastError,
                                 Instant expiresAt, String quarantineReason) {
}
