package org.openimps.ssp.spi.reference;

import java.time.Instant;

/**
 * An invitation a local user received from another domain, or the answer to one a local user sent.
 *
 * @param kind {@code received}, {@code accepted} or {@code declined}
 */
public record Invitation(String inviteId, String kind, String from, String to, String type, String note,
                         Instant at) {
}
