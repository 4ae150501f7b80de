/**
 * What the host IMPS server plugs in: {@link org.openimps.ssp.spi.ImpsHost} handles what remote domains send
 * to our users; {@link org.openimps.ssp.spi.Federation} sends our users' primitives to remote domains. The
 * bundled {@code reference} service implements the host for demos and tests; a host replaces it with an
 * {@code @Alternative @Priority} bean.
 */
package org.openimps.ssp.spi;
