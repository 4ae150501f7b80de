package org.openimps.ssp.wire;

import java.util.Locale;
import java.util.Optional;

/** The {@code mode} attribute of a transaction. */
public enum Mode {
    REQUEST("Request"), RESPONSE("Response");

    private final String wire;

    Mode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Case-insensitive parse of what a peer sent; empty when it is neither value. */
    public static Optional<Mode> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "request" -> Optional.of(REQUEST);
            case "response" -> Optional.of(RESPONSE);
            default -> Optional.empty();
        };
    }
}
