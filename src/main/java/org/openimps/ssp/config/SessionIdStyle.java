package org.openimps.ssp.config;

/** How we form the session ids we give a peer. */
public enum SessionIdStyle {
    /** 22 random characters of {@code [0-9A-Za-z]}: meets the spec's grammar (default). */
    STRICT,
    /** {@code <number>@<our domain>}: for peers that check the domain part of the id. */
    NUMBER_AT_DOMAIN
}
