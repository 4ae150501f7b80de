/**
 * Protocol layer: status codes, transaction and session ids, the result of a federated send, and the
 * transport SPI that the HTTP binding implements. No container types.
 */
package org.openimps.ssp.protocol;
