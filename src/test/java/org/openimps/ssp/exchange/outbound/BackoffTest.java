package org.openimps.ssp.exchange.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofMinutes(5);

    @Test
    void delayDoublesPerFailureFromTheMinimum() {
        assertEquals(Duration.ofMillis(500), Backoff.delay(1, MIN, MAX, () -> 0.0));
        assertEquals(Duration.ofMillis(1_000), Backoff.delay(2, MIN, MAX, () -> 0.0));
        assertEquals(Duration.ofMillis(8_000), Backoff.delay(5, MIN, MAX, () -> 0.0));
        assertEquals(Duration.ofSeconds(128), Backoff.delay(9, MIN, MAX, () -> 0.0));
    }

    @Test
    void delayNeverPassesTheCapHoweverManyFailures() {
        assertEquals(Duration.ofSeconds(150), Backoff.delay(10, MIN, MAX, () -> 0.0));
        assertEquals(Duration.ofSeconds(150), Backoff.delay(10_000, MIN, MAX, () -> 0.0));
        assertEquals(Duration.ofMillis(299_999), Backoff.delay(10_000, MIN, MAX, () -> 0.999_999));
    }

    @Test
    void jitterDrawsFromTheUpperHalfOfTheDelay() {
        assertEquals(Duration.ofMillis(4_000), Backoff.delay(4, MIN, MAX, () -> 0.0));
        assertEquals(Duration.ofMillis(6_000), Backoff.delay(4, MIN, MAX, () -> 0.5));
        assertEquals(Duration.ofMillis(7_999), Backoff.delay(4, MIN, MAX, () -> 0.999_9));
    }
}
