package org.openimps.ssp.directory;

/**
 * One DNS SRV answer for {@code _imps-server._tcp.<domain>}.
 *
 * @param host       target host name, without the trailing dot
 * @param ttlSeconds how long the answer may be kept
 */
public record SrvRecord(int priority, int weight, int port, String host, long ttlSeconds) {
}
