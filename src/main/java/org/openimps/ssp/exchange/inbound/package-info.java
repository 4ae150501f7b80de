/**
 * The inbound pipeline: a peer's POST, once the servlet answered its empty 200, is gated (bounded), deduped by
 * transaction id, and routed: setup messages to the handshake, requests to the host's handlers (on the host
 * workers), responses to the correlation store that completes our pending request.
 */
package org.openimps.ssp.exchange.inbound;
