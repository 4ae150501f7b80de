/**
 * The reference IMPS service: in-memory users, inboxes and presence. It stands in for the host's CSP
 * server in the demo and the tests, and shows how a host uses the SPI.
 */
package org.openimps.ssp.spi.reference;
