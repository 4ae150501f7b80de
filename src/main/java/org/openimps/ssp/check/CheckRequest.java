package org.openimps.ssp.check;

/**
 * What an operator asks to check.
 *
 * @param domain the peer domain
 * @param url    optional: its SSP endpoint, instead of the directory entry or DNS SRV
 * @param user   optional: a user there, for a round trip (GetPresence)
 */
public record CheckRequest(String domain, String url, String user) {
}
