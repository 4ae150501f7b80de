/**
 * Moves transactions between the HTTP binding and the session, correlation and handler layers. Two pipelines,
 * one per direction: {@link org.openimps.ssp.exchange.inbound} routes what peers POST (setup to the handshake,
 * requests to handlers, responses to the correlation store); {@link org.openimps.ssp.exchange.outbound} gets what
 * our hosts send to its peer. What both use lives here: the transmitter that encodes and POSTs, the stored form
 * of a transaction, bounded pools.
 */
package org.openimps.ssp.exchange;
