package org.openimps.ssp.spi.reference;

import java.time.Instant;

/** A message delivered to a local user's inbox. */
public record StoredMessage(String messageId, String from, String to, String text, Instant receivedAt) {
}
