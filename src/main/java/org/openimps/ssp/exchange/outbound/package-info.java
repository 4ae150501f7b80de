/**
 * The outbound pipeline: what our hosts send (through {@link org.openimps.ssp.spi.Federation}) and our answers to
 * peers' requests, stored, POSTed and retried until the peer answers or the delivery is given up. The decisions
 * are plain values made by plain classes ({@code PeerLine}, {@code DeliveryRules}); the beans around them only
 * carry them out (store, POST, schedule).
 */
package org.openimps.ssp.exchange.outbound;
