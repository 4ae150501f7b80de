package org.openimps.ssp.exchange.outbound;

import java.time.Instant;

/**
 * One peer's outbound queue as the admin API and metrics show it.
 *
 * @param up              false while deliveries to the peer back off
 * @param outstanding     requests and responses accepted and not yet delivered or given up
 * @param parked          of those, waiting for the next probe
 * @param quarantined     of those, set aside after the peer dropped the connection on them time after time
 * @param failures        consecutive failed probes
 * @param retryAt         when the next probe may go, or null while up
 * @param lastError       the reason of the last failed attempt, or null
 * @param oldestExpiresAt when the oldest parked delivery is given up, or null
 * @param overflow        requests beyond {@code outstanding} that wait in the outbox table only (read back in pages)
 */
public record QueueState(String peerDomain, boolean up, int outstanding, int parked, int quarantined, int failures, Instant retryAt,
                         String lastError, Instant oldestExpiresAt, long overflow) {
}
