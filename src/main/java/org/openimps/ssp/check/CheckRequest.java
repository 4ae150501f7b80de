package org.openimps.ssp.check;

import java.time.Duration;

/**
 * What an operator asks to check.
 *
 * @param domain    the peer domain
 * @param url       optional: its SSP endpoint, instead of the directory entry or DNS SRV
 * @param user      optional: a user there, for a round trip (GetPresence)
 * @param initiator who starts the session the check looks at: we, or the peer
 * @param peerWait  when the peer initiates: how long the check waits for its first message (M1)
 */
public record CheckRequest(String domain, String url, String user, Initiator initiator, Duration peerWait) {
    /** How long a check waits for the peer's M1 unless told otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    /** The longest wait an operator may ask for: a check holds a worker thread while it waits. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(120);

    public CheckRequest {
        initiator = initiator == null ? Initiator.US : initiator;
        peerWait = peerWait == null ? DEFAULT_WAIT : peerWait;
        if (peerWait.isNegative() || peerWait.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("waitSeconds must be between 0 and " + MAX_WAIT.toSeconds());
        }
    }

    /** A check in which we initiate. */
    public CheckRequest(String domain, String url, String user) {
        this(domain, url, user, Initiator.US, null);
    }

    /** Who starts the session establishment a check looks at. */
    public enum Initiator {
        /** We send M1 (our requestor session towards the peer). */
        US,
        /** The check waits for the peer's M1 and answers it (the peer's requestor session towards us). */
        PEER;

        /** "us" or "peer", as the API and the console spell it; null means {@link #US}. */
        public static Initiator parse(String text) {
            if (text == null || text.isBlank()) {
                return US;
            }
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "us", "we" -> US;
                case "peer", "them" -> PEER;
                default -> throw new IllegalArgumentException("initiator must be \"us\" or \"peer\", not \"" + text + "\"");
            };
        }
    }
}
