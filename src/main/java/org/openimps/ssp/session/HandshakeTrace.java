package org.openimps.ssp.session;

/**
 * What a federation check sees of a handshake it started: each message sent or received (M1..M6), with what it
 * carried that tells a peer's habits (secret encoding, session id style, where the setup was taken).
 */
@FunctionalInterface
public interface HandshakeTrace {
    /** A handshake nobody watches. */
    HandshakeTrace NONE = (message, detail) -> { };

    /** Called as {@code message} (e.g. "M2") is sent or received; {@code detail} says what it showed. */
    void seen(String message, String detail);
}
