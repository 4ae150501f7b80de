/**
 * Sessions with peer domains: the six-message establishment (M1..M6) in both roles, secrets and digests,
 * and the registry that maps a peer's session id to our session.
 */
package org.openimps.ssp.session;
