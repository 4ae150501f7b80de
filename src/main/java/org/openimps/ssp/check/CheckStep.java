package org.openimps.ssp.check;

import java.util.List;

/**
 * One step of a check.
 *
 * @param step    its name: Discovery, Reachability, SSP session, Transport, Round trip
 * @param verdict how it ended
 * @param millis  how long it took
 * @param saw     what it saw, a line each (records, addresses, certificates, messages with their times)
 * @param summary the verdict in plain words
 * @param advice  what to do about it; null when there is nothing to do
 */
public record CheckStep(String step, Verdict verdict, long millis, List<String> saw, String summary, String advice) {

    static CheckStep skipped(String step, String why) {
        return new CheckStep(step, Verdict.SKIPPED, 0, List.of(), why, null);
    }
}
