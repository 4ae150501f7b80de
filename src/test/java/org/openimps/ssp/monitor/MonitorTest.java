package org.openimps.ssp.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.config.SspConfig;

class MonitorTest {
    private final Monitor monitor = new Monitor(new SspConfig().withDomain("alpha.example"), Clock.systemUTC());

    @Test
    void aCounterStillReadsItsStateAfterGarbageCollections() throws InterruptedException {
        // Micrometer holds function-counter state weakly; a lambda made inside Monitor once read NaN after a GC
        LongAdder commits = new LongAdder();
        commits.add(42);
        monitor.counter("ssp_test_commits_total", "test", commits, LongAdder::sum);
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(monitor.scrape().lines().anyMatch(l -> l.startsWith("ssp_test_commits_total{") && l.endsWith(" 42.0")),
                monitor.scrape());
    }
}
