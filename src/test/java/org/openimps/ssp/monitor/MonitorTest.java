package org.openimps.ssp.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.config.SspConfig;

class MonitorTest {
    private final Monitor monitor = new Monitor(SspConfig.of("alpha.example"), Clock.systemUTC());

    /**
     * Micrometer holds a function counter's state weakly; a lambda made inside Monitor once read NaN after a GC.
     * The test keeps no reference to the state and collects until a weakly held sentinel is gone: a collection that
     * clears weak references ran, so state held only weakly would be gone too.
     */
    @Test
    void aCounterStillReadsItsStateAfterACollectionThatClearedWeakReferences() throws InterruptedException {
        registerCounterHoldingNothing();
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && sentinel.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(sentinel.get() == null, "no collection cleared weak references; the test proves nothing");
        assertTrue(monitor.scrape().lines().anyMatch(l -> l.startsWith("ssp_test_commits_total{") && l.endsWith(" 42.0")),
                monitor.scrape());
    }

    private void registerCounterHoldingNothing() {
        LongAdder commits = new LongAdder();
        commits.add(42);
        monitor.counter("ssp_test_commits_total", "test", commits, LongAdder::sum);
    }

    @Test
    void aLabelledGaugeShowsTheRowsOfItsMapAtEachScrapeAndDropsTheRowsGoneFromIt() {
        java.util.Map<String, Integer> sessions = new java.util.concurrent.ConcurrentHashMap<>(
                java.util.Map.of("beta.example", 2, "gamma.example", 1));
        monitor.gauges("ssp_peer_sessions", "test", "peer", () -> sessions);
        assertTrue(monitor.scrape().contains("ssp_peer_sessions{domain=\"alpha.example\",peer=\"beta.example\"} 2.0"),
                monitor.scrape());
        sessions.remove("beta.example");
        sessions.put("gamma.example", 3);
        String now = monitor.scrape();
        assertTrue(now.contains("peer=\"gamma.example\"} 3.0"), now);
        assertTrue(!now.contains("beta.example"), now);
    }

    @Test
    void perPeerCountersKeepTheirOwnSeriesForAHundredPeersAndCountTheRestTogether() {
        for (int i = 0; i < 500; i++) {
            monitor.retried("peer" + i + ".example");
        }
        long series = monitor.scrape().lines().filter(l -> l.startsWith("ssp_delivery_retries_total{")).count();
        assertEquals(Monitor.TAGGED_PEERS + 1, series);
        assertTrue(monitor.scrape().lines().anyMatch(l -> l.startsWith("ssp_delivery_retries_total{")
                && l.contains("peer=\"other\"") && l.endsWith(" 400.0")), monitor.scrape());
    }

    @Test
    void peerHealthTrackedForNewPeersBeyondTheBoundForgetsTheQuietestOne() {
        PeerHealth health = new PeerHealth(2);
        java.time.Instant t = java.time.Instant.parse("2026-12-06T10:00:00Z");
        health.ok("a.example", t);
        health.ok("b.example", t.plusSeconds(1));
        health.failed("c.example", "refused", t.plusSeconds(2));
        assertEquals(2, health.size());
        assertTrue(health.of("a.example").isEmpty(), "the quietest peer made room");
        assertTrue(health.of("c.example").isPresent(), "a new peer is tracked");
    }

    @Test
    void aLabelledGaugeIsScrapedWithItsLabel() {
        monitor.gauge("ssp_node", "this node", "node", "n1", () -> 1);
        String scraped = monitor.scrape();
        assertTrue(scraped.contains("ssp_node{domain=\"alpha.example\",node=\"n1\"} 1.0"), scraped);
    }
}
