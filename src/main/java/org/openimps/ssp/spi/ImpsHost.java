package org.openimps.ssp.spi;

import java.util.Optional;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.wire.CancelInviteRequest;
import org.openimps.ssp.wire.DeliveryStatusReport;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.InviteRequest;
import org.openimps.ssp.wire.InviteResponse;
import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;
import org.openimps.ssp.wire.Status;
import org.openimps.ssp.wire.SubscribeRequest;
import org.openimps.ssp.wire.UnsubscribeRequest;

/**
 * Implemented by the host IMPS server: handles primitives remote domains send to this domain. Called on the
 * module's host threads (container-managed, {@code hostThreads} of them), never on a container request thread;
 * may block. The sender's domain has already
 * been checked against the session's domain. The methods with a default answer Status 501 until a host
 * implements them.
 */
public interface ImpsHost {

    SendMessageResponse onSendMessage(RemoteRequest from, SendMessageRequest request);

    GetPresenceResponse onGetPresence(RemoteRequest from, GetPresenceRequest request);

    Status onPresenceNotification(RemoteRequest from, PresenceNotification notification);

    /** A user of the peer subscribes to the presence of our users; the host then sends PresenceNotifications. */
    default Status onSubscribe(RemoteRequest from, SubscribeRequest request) {
        return StatusCode.NOT_IMPLEMENTED.toStatus("SubscribeRequest");
    }

    default Status onUnsubscribe(RemoteRequest from, UnsubscribeRequest request) {
        return StatusCode.NOT_IMPLEMENTED.toStatus("UnsubscribeRequest");
    }

    /** What became of a message one of our users sent with a delivery report requested. */
    default Status onDeliveryStatusReport(RemoteRequest from, DeliveryStatusReport report) {
        return StatusCode.NOT_IMPLEMENTED.toStatus("DeliveryStatusReport");
    }

    default Status onInvite(RemoteRequest from, InviteRequest request) {
        return StatusCode.NOT_IMPLEMENTED.toStatus("InviteRequest");
    }

    default Status onCancelInvite(RemoteRequest from, CancelInviteRequest request) {
        return StatusCode.NOT_IMPLEMENTED.toStatus("CancelInviteRequest");
    }

    /** A user of the peer answers an invitation one of our users sent. */
    default Status onInviteResponse(RemoteRequest from, InviteResponse response) {
        return StatusCode.NOT_IMPLEMENTED.toStatus("InviteResponse");
    }

    /**
     * Any other primitive (group primitives among them), as the DOM element it arrived as, carried intact; the
     * answer (a wire object or a DOM element) goes back to the peer. Empty means "not handled": the peer gets
     * Status 501.
     */
    default Optional<Object> onOther(RemoteRequest from, Object primitive) {
        return Optional.empty();
    }
}
