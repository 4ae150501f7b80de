/**
 * What the operator sees: recent transactions with both halves joined, peer health, and the Prometheus meters.
 * Fed by the exchange and binding layers; read by the admin API. Every structure here is bounded.
 */
package org.openimps.ssp.monitor;
