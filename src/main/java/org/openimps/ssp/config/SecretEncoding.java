package org.openimps.ssp.config;

/** How we write the SecretToken we send a peer (spec M1/M2). Inbound, both forms are accepted. */
public enum SecretEncoding {
    /** 32 hex characters, no {@code encoding} attribute: what every deployed peer reads (default). */
    HEX,
    /** Base64 of the 16 random bytes with {@code encoding="base64"}, for peers that ask for it. */
    BASE64
}
