package org.openimps.ssp.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.config.SspConfig;

class MonitorTest {
    private final Monitor monitor = new Monitor(new SspConfig().withDomain("alpha.example"), Clock.systemUTC());

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
}
