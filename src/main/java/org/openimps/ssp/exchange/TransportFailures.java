package org.openimps.ssp.exchange;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.openimps.ssp.protocol.PeerTransport.TransportException;

/** The {@link TransportException} inside what an asynchronous POST failed with. */
public final class TransportFailures {
    private TransportFailures() {
    }

    public static TransportException of(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof TransportException e ? e : new TransportException(String.valueOf(t), t);
    }
}
