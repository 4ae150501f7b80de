package org.openimps.ssp.spi;

import java.util.concurrent.CompletionStage;
import org.openimps.ssp.protocol.Reply;

/** Sends primitives of our users to remote IMPS domains. */
public interface Federation {

    /** Our own IMPS domain. */
    String localDomain();

    /**
     * Sends a request or notification to a remote domain, establishing the session first when there is none.
     * The stage always completes: with the peer's response, or with a {@link Reply.Failed} saying why not
     * (unknown domain, handshake failure, unreachable peer, timeout, overload).
     */
    CompletionStage<Reply> send(String domain, Object primitive);
}
