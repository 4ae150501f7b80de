package org.openimps.ssp.check;

import java.time.Instant;
import java.util.List;

/**
 * A whole check: who checked whom, when, the worst verdict of its steps, and each step.
 *
 * @param from the domain (and node) that ran the check
 */
public record CheckReport(String domain, String from, Instant started, long millis, Verdict verdict,
                          List<CheckStep> steps) {

    static CheckReport of(String domain, String from, Instant started, long millis, List<CheckStep> steps) {
        Verdict worst = Verdict.SKIPPED;
        for (CheckStep s : steps) {
            worst = worst.and(s.verdict());
        }
        return new CheckReport(domain, from, started, millis, worst, List.copyOf(steps));
    }

    /** The report as plain text, for a shell or to paste into a ticket. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Federation check of ").append(domain).append(" from ").append(from).append(", ").append(started)
                .append(" (").append(millis).append(" ms): ").append(verdict).append('\n');
        for (CheckStep s : steps) {
            out.append('\n').append(s.verdict()).append("  ").append(s.step()).append(" (").append(s.millis())
                    .append(" ms): ").append(s.summary()).append('\n');
            s.saw().forEach(line -> out.append("      ").append(line).append('\n'));
            if (s.advice() != null) {
                out.append("    advice: ").append(s.advice()).append('\n');
            }
        }
        return out.toString();
    }
}
