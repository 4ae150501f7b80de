package org.openimps.ssp.protocol;

import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.LoginResponse;
import org.openimps.ssp.wire.SendMessageResponse;
import org.openimps.ssp.wire.Status;

/** Reads the status carried by a response primitive; a response without one counts as success. */
final class ResponseStatus {
    private ResponseStatus() {
    }

    static Status of(Object payload) {
        Status status = null;
        if (payload instanceof Status s) {
            status = s;
        } else if (payload instanceof SendMessageResponse r) {
            status = r.getStatus();
        } else if (payload instanceof GetPresenceResponse r) {
            status = r.getStatus();
        } else if (payload instanceof LoginResponse r) {
            status = r.getStatus();
        }
        return status != null ? status : StatusCode.OK.toStatus();
    }
}
