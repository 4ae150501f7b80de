package org.openimps.ssp.protocol;

import org.openimps.ssp.wire.Status;

/**
 * Every SSP status code this module sends or interprets, in one place. Each is an IMPS status code used with its
 * IMPS meaning (OMA IMPS CSP 1.3, "Status codes", the table deployed IMPS servers also use); 405 and 901 as SSP
 * peers use them (docs/conformance.md). Where no IMPS code names our case exactly, the comment says which one we
 * chose and why. Codes a host produces pass through unchanged even when they are not listed here.
 */
public enum StatusCode {
    /** Success (IMPS 200). */
    OK(200, "Successfully completed"),
    /**
     * Accepted (IMPS 202): stored for delivery, the outcome comes later or not to this caller; we answer it for a
     * send that waits in the outbox beyond the peer's in-memory queue.
     */
    ACCEPTED(202, "Accepted"),
    /** Partially successful: some recipients or users failed (IMPS 201). */
    PARTIAL(201, "Partially successful"),
    /** The primitive is not valid here: missing mandatory element, wrong mode (IMPS 400, Bad request). */
    BAD_REQUEST(400, "Bad request"),
    /** The session or the addressed entity is unknown (IMPS 404, Not found). */
    NOT_FOUND(404, "Not found"),
    /**
     * The payload could not be converted or is not allowed in this context: 405 as SSP peers answer it (in the CSP
     * table, 405 is Service not supported, which a primitive we cannot take here also is).
     */
    NOT_CONVERTIBLE(405, "Payload not convertible"),
    /**
     * The peer took our request and sent no response within the transaction timeout (IMPS 504, Timeout: no timely
     * response from the remote server).
     */
    TIMEOUT(504, "Timeout"),
    /** The host failed while handling the primitive; details are in our log, never sent (IMPS 500). */
    INTERNAL_ERROR(500, "Internal server error"),
    /**
     * The peer's server could not be reached or did not take the POST (IMPS 503, Service unavailable: the other
     * domain's service, for now). Kept apart from {@link #SERVICE_UNAVAILABLE}, ours, by its constant.
     */
    PEER_UNAVAILABLE(503, "Service unavailable"),
    /** This module is over one of its bounds (pending transactions, queued work): retry later (IMPS 503). */
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    /** No handler exists for the primitive (IMPS 501, Not implemented). */
    NOT_IMPLEMENTED(501, "Not implemented"),
    /**
     * Session establishment with the peer failed (wrong digest, refused, expired, at our bound of sessions). No IMPS
     * code names a failed server-to-server setup; 503, Service unavailable, says what the other side can do: try
     * again later.
     */
    SESSION_SETUP_FAILED(503, "Service unavailable"),
    /**
     * The request was not delivered (IMPS 410, Unable to deliver): retried until {@code deliveryExpirySeconds}
     * without an answer (the detail gives the last error), or set aside after the peer dropped the connection on it
     * time after time and then dropped by an operator.
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
    /** The sender's domain does not match the domain of the session: 901 as SSP peers answer it. */
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
