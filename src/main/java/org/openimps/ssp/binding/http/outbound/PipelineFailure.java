package org.openimps.ssp.binding.http.outbound;

import java.io.IOException;

/**
 * Why a pipelined POST got no HTTP answer; {@link #unanswered()} when it was written and its connection died
 * without one (twice: it is re-sent once on a new connection), as a peer that crashes on it makes it.
 */
final class PipelineFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean unanswered;

    PipelineFailure(String message, Throwable cause, boolean unanswered) {
        super(message, cause);
        this.unanswered = unanswered;
    }

    boolean unanswered() {
        return unanswered;
    }
}
