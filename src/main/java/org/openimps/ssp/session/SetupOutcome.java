package org.openimps.ssp.session;

/** What became of one inbound setup message. */
public enum SetupOutcome {
    /** Handled: the handshake moved on. */
    DONE,
    /** Matches no handshake in the state it needs yet: may be early (a race with our own step); retry shortly. */
    NOT_YET,
    /** Refused (unknown domain, wrong digest, malformed primitive): the handshake, if any, is forgotten. */
    REJECTED
}
