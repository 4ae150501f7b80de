package org.openimps.ssp.spi.reference;

import java.time.Instant;

/** What a remote domain reported about a message a local user sent with a delivery report requested. */
public record DeliveryReport(String messageId, String to, int status, String description, Instant at) {
}
