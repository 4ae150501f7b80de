package org.openimps.ssp.config;

/** Whether we reach a peer over HTTPS. */
public enum TlsPolicy {
    /** HTTPS only; an endpoint that does not speak TLS is never tried over plain HTTP. */
    REQUIRED,
    /** HTTPS first, then plain HTTP on the same host and port, as deployed peers try (default). */
    PREFERRED,
    /** Plain HTTP only. */
    OFF
}
