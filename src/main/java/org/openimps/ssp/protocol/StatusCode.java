package org.openimps.ssp.protocol;

import org.openimps.ssp.wire.Status;

/**
 * Every SSP status code this module sends or interprets, in one place. IMPS CSP codes a host produces
 * pass through unchanged even when they are not listed here.
 */
public enum StatusCode {
    /** Success. */
    OK(200, "Successfully completed"),
    /** Partially successful (some recipients or users failed). */
    PARTIAL(201, "Partially successful"),
    /** The primitive is not valid here (missing mandatory element, wrong mode). */
    BAD_REQUEST(400, "Bad request"),
    /** The session or the addressed entity is unknown. */
    NOT_FOUND(404, "Not found"),
    /** The payload could not be converted or is not allowed in this context. */
    NOT_CONVERTIBLE(405, "Payload not convertible"),
    /** No answer from the peer within the transaction timeout. */
    REQUEST_TIMEOUT(408, "Request timeout"),
    /** The host failed while handling the primitive (details are in our log, never sent). */
    INTERNAL_ERROR(500, "Internal server error"),
    /** The peer could not be reached, or refused the POST. */
    PEER_UNREACHABLE(502, "Peer server unreachable"),
    /** This module is over one of its bounds (pending transactions, queued work): retry later. */
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    /** No handler exists for the primitive. */
    NOT_IMPLEMENTED(501, "Not implemented"),
    /** Session establishment with the peer failed (wrong digest, refused, expired). */
    SESSION_SETUP_FAILED(504, "Session establishment failed"),
    /**
     * The request was not delivered: set aside after the peer dropped the connection on it time after time, then
     * dropped by an operator or expired (IMPS CSP 410, Unable to deliver).
     */
    UNABLE_TO_DELIVER(410, "Unable to deliver"),
    /** The invitation named does not exist or is no longer valid (IMPS CSP 423, Invalid Invitation-ID). */
    INVALID_INVITATION(423, "Invalid invitation id"),
    /** The group named does not exist here (IMPS CSP 800, Group does not exist). */
    GROUP_NOT_FOUND(800, "Group does not exist"),
    /** The recipient user does not exist in this domain (IMPS CSP 531). */
    UNKNOWN_USER(531, "Unknown user"),
    /** The target domain is not one we federate with (IMPS CSP 516). */
    DOMAIN_NOT_SUPPORTED(516, "Domain not supported"),
    /** The sender's domain does not match the domain of the session. */
    DOMAIN_MISMATCH(901, "Sender domain does not match session domain");

    private final int code;
    private final String text;

    StatusCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public Status toStatus() {
        return new Status(code, text);
    }

    public Status toStatus(String detail) {
        return new Status(code, detail == null ? text : text + ": " + detail);
    }
}
