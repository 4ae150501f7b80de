package org.openimps.ssp.exchange.outbound;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Retry delays: exponential from a minimum, capped low (a short outage must never defederate a peer for
 * long), with jitter so that many queued senders do not return in one burst.
 */
final class Backoff {
    private Backoff() {
    }

    /**
     * The delay before the next try after {@code failures} consecutive failures (1 = the first): min doubled
     * per further failure, at most max, then drawn uniformly from its upper half.
     *
     * @param random values in [0, 1)
     */
    static Duration delay(int failures, Duration min, Duration max, DoubleSupplier random) {
        long minMillis = Math.max(1, min.toMillis());
        long maxMillis = Math.max(minMillis, max.toMillis());
        int doublings = Math.min(Math.max(failures, 1) - 1, 40);
        long base = minMillis << doublings;
        long capped = base <= 0 || base > maxMillis ? maxMillis : base;
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
    }
}
