package org.openimps.ssp.wire;

/**
 * How a peer wrote the parts of a primitive that SSP servers disagree on. Deployed servers write user ids,
 * message ids, content type and delivery report as attributes; the first release of this module wrote them as
 * child elements. We send only {@link #ATTRIBUTE} and read both.
 */
public enum WireForm {
    /** {@code <User userID="wv:a@x"/>}, {@code deliveryReport="No"}: what deployed servers send and accept. */
    ATTRIBUTE,
    /** {@code <User><UserID>wv:a@x</UserID></User>}, {@code <DeliveryReport>}: read for older peers, never sent. */
    ELEMENT;

    /** ELEMENT when any part was in the element form. */
    static WireForm of(boolean anyElementForm) {
        return anyElementForm ? ELEMENT : ATTRIBUTE;
    }
}
