/**
 * "Check a domain": a federation tester run from this server against a peer domain or URL, step by step
 * (discovery, reachability and TLS, a real session establishment, transport behaviour, a round trip), each step
 * bounded in time and reported with what it saw, how long it took, a verdict and advice. Above the bindings: it
 * uses the directory, the peer TLS settings, the handshake and the federation API as the module does.
 */
package org.openimps.ssp.check;
