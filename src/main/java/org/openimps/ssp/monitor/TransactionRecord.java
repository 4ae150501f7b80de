package org.openimps.ssp.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * One SSP transaction as the console shows it, its two halves (two POSTs on two connections) joined by id.
 *
 * @param direction  OUT: we sent the request and await the response; IN: the peer did and we answered
 * @param primitive  the request's primitive
 * @param answer     the response's primitive (or the failure), null while pending
 * @param statusCode the SSP status of the answer, null while pending
 */
public record TransactionRecord(String transactionId, String peer, Direction direction, String primitive,
                                Instant started, String answer, Integer statusCode, Instant answered) {

    public enum Direction { OUT, IN }

    TransactionRecord answeredWith(String answerPrimitive, int status, Instant at) {
        return new TransactionRecord(transactionId, peer, direction, primitive, started, answerPrimitive, status, at);
    }

    /** Milliseconds from request to answer, null while pending. */
    public Long latencyMillis() {
        return answered == null ? null : Duration.between(started, answered).toMillis();
    }
}
