package org.openimps.ssp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {
    private static final Instant AT = Instant.parse("2026-12-06T15:00:00Z");

    @Test
    void theReportsVerdictIsItsWorstStepAndSkippedStepsDoNotCount() {
        CheckStep pass = new CheckStep("Discovery", Verdict.PASS, 3, List.of(), "ok", null);
        CheckStep warn = new CheckStep("Transport", Verdict.WARN, 5, List.of(), "stop-and-wait", "more pairs");
        CheckStep fail = new CheckStep("Reachability", Verdict.FAIL, 7, List.of(), "refused", "listen");
        CheckStep skipped = CheckStep.skipped("Round trip", "no user named");
        assertEquals(Verdict.PASS, CheckReport.of("b.example", "a.example", AT, 1, List.of(pass, skipped)).verdict());
        assertEquals(Verdict.WARN, CheckReport.of("b.example", "a.example", AT, 1, List.of(skipped, pass, warn)).verdict());
        assertEquals(Verdict.FAIL, CheckReport.of("b.example", "a.example", AT, 1, List.of(warn, fail, pass)).verdict());
    }

    @Test
    void theTextVersionHasAHeadlineThenEachStepWithWhatItSawAndTheAdvice() {
        CheckReport report = CheckReport.of("b.example", "a.example (node n1)", AT, 42, List.of(
                new CheckStep("Reachability", Verdict.FAIL, 7, List.of("TCP 127.0.0.1:1: refused"), "refused", "listen")));
        String text = report.text();
        assertTrue(text.startsWith("Federation check of b.example from a.example (node n1), 2026-12-06T15:00:00Z (42 ms): FAIL\n"),
                text);
        assertTrue(text.contains("\nFAIL  Reachability (7 ms): refused\n      TCP 127.0.0.1:1: refused\n    advice: listen\n"),
                text);
    }
}
