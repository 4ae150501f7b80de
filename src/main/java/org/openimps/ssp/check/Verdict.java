package org.openimps.ssp.check;

/** How one step of a check, or the whole check, ended. */
public enum Verdict {
    /** The step did what federation needs. */
    PASS,
    /** Federation works, with a habit or setting worth knowing (e.g. the peer refuses pipelined requests). */
    WARN,
    /** Federation cannot work until this is fixed. */
    FAIL,
    /** Not run: an earlier step failed, or the operator did not ask for it. */
    SKIPPED;

    /** The worse of two verdicts (a skipped step does not make a check worse). */
    Verdict and(Verdict other) {
        return other == SKIPPED ? this : this == SKIPPED ? other : compareTo(other) >= 0 ? this : other;
    }
}
