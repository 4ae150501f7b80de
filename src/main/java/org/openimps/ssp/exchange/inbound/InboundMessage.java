package org.openimps.ssp.exchange.inbound;

import java.time.Instant;
import org.openimps.ssp.session.PeerIdentity;
import org.openimps.ssp.wire.SspMessage;

/**
 * A decoded SSP message as it came off the wire.
 *
 * @param message         the decoded body: the truth
 * @param headerTxnId     {@code x-wv-transactionid} or null: a dispatch hint only
 * @param headerSessionId {@code x-wv-sessionid} or null: a dispatch hint only
 * @param remoteAddress   the TCP peer, for logs
 * @param receivedAt      when the body was read; bounds how long an early message may wait
 * @param identity        what the sender's client certificate proved, if it presented one
 * @param requestUrl      the URL it was posted to (which of ours the peer found), or null
 */
public record InboundMessage(SspMessage message, String headerTxnId, String headerSessionId, String remoteAddress,
                             Instant receivedAt, PeerIdentity identity, String requestUrl) {
}
