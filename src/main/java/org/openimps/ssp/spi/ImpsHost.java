package org.openimps.ssp.spi;

import java.util.Optional;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;
import org.openimps.ssp.wire.Status;

/**
 * Implemented by the host IMPS server: handles primitives remote domains send to this domain. Called on the
 * module's managed executor, never on a container request thread; may block. The sender's domain has already
 * been checked against the session's domain.
 */
public interface ImpsHost {

    SendMessageResponse onSendMessage(RemoteRequest from, SendMessageRequest request);

    GetPresenceResponse onGetPresence(RemoteRequest from, GetPresenceRequest request);

    Status onPresenceNotification(RemoteRequest from, PresenceNotification notification);

    /**
     * Any other primitive, as a wire object or the DOM element it arrived as. Empty means "not handled":
     * the peer gets Status 501.
     */
    default Optional<Object> onOther(RemoteRequest from, Object primitive) {
        return Optional.empty();
    }
}
