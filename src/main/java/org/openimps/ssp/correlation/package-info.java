/**
 * Joins the two halves of each transaction we initiate: the request we POST on our connection and the
 * response the peer POSTs back on its own, by (peer domain, session, transaction id).
 */
package org.openimps.ssp.correlation;
