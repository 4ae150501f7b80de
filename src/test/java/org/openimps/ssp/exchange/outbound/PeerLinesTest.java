package org.openimps.ssp.exchange.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeerLinesTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(5);
    private final PeerLines lines = new PeerLines(10);

    @Test
    void linesOfPeersSeenOnceDoNotAccumulate() {
        for (int i = 0; i < 1_000; i++) {
            lines.reserve("peer" + i + ".example").orElseThrow().release();
        }
        lines.evictIdle(T0, IDLE);
        assertEquals(1_000, lines.evictIdle(T0.plus(IDLE), IDLE), "all idle for the idle time: all gone");
        assertEquals(0, lines.size());
    }

    @Test
    void aPeerWhoseLineWasRetiredGetsANewOneOnItsNextSend() {
        PeerLine first = lines.reserve("beta.example").orElseThrow();
        first.release();
        lines.evictIdle(T0, IDLE);
        lines.evictIdle(T0.plus(IDLE), IDLE);
        assertTrue(first.isRetired());
        PeerLine second = lines.reserve("BETA.example").orElseThrow();
        assertNotSame(first, second);
        assertEquals(1, lines.states().get(0).outstanding());
    }

    @Test
    void aFullLineRefusesWithoutBeingReplaced() {
        for (int i = 0; i < 10; i++) {
            lines.reserve("beta.example").orElseThrow();
        }
        assertTrue(lines.reserve("beta.example").isEmpty());
        assertEquals(1, lines.size());
    }
}
