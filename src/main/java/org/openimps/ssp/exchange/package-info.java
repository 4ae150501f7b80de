/**
 * Moves transactions between the HTTP binding and the session, correlation and handler layers: the inbound
 * router (setup to the handshake, requests to handlers, responses to the correlation store), the outbound
 * sender behind {@link org.openimps.ssp.spi.Federation}, and the transmitter that encodes and POSTs.
 */
package org.openimps.ssp.exchange;
