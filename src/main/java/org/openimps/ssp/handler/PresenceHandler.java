package org.openimps.ssp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.spi.ImpsHost;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.Presence;
import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.SubscribeRequest;
import org.openimps.ssp.wire.UnsubscribeRequest;
import org.openimps.ssp.wire.UserListRequest;

/**
 * GetPresenceRequest, SubscribeRequest, UnsubscribeRequest and PresenceNotification. A requesting user named in
 * MetaInfo must be a user of the peer's domain; a notification may only speak of the peer's own users.
 */
@ApplicationScoped
public class PresenceHandler implements RequestHandler {
    private ImpsHost host;

    protected PresenceHandler() {
        // for the CDI client proxy
    }

    @Inject
    public PresenceHandler(@Ssp ImpsHost host) {
        this.host = host;
    }

    @Override
    public boolean handles(Object payload) {
        return payload instanceof GetPresenceRequest || payload instanceof PresenceNotification
                || payload instanceof UserListRequest;
    }

    @Override
    public Object handle(RemoteRequest from, Object payload) {
        if (payload instanceof GetPresenceRequest request) {
            return getPresence(from, request);
        }
        if (payload instanceof UserListRequest request) {
            return subscription(from, request);
        }
        PresenceNotification notification = (PresenceNotification) payload;
        for (Presence p : notification.getPresence()) {
            if (!SenderCheck.belongsTo(p.getUserId(), from.peerDomain())) {
                return StatusCode.DOMAIN_MISMATCH.toStatus(p.getUserId());
            }
        }
        return host.onPresenceNotification(from, notification);
    }

    private Object getPresence(RemoteRequest from, GetPresenceRequest request) {
        if (request.userIds().isEmpty()) {
            return new GetPresenceResponse(StatusCode.BAD_REQUEST.toStatus("no VerUserID"), List.of());
        }
        String requestor = request.requestorUserId();
        if (SenderCheck.namedOutside(requestor, from.peerDomain())) {
            return new GetPresenceResponse(StatusCode.DOMAIN_MISMATCH.toStatus(requestor), List.of());
        }
        return host.onGetPresence(from, request);
    }

    private Object subscription(RemoteRequest from, UserListRequest request) {
        String requestor = request.requestorUserId();
        if (requestor == null) {
            return StatusCode.BAD_REQUEST.toStatus("MetaInfo with the requesting User required");
        }
        if (!SenderCheck.belongsTo(requestor, from.peerDomain())) {
            return StatusCode.DOMAIN_MISMATCH.toStatus(requestor);
        }
        if (request.userIds().isEmpty()) {
            return StatusCode.BAD_REQUEST.toStatus("no UserID");
        }
        return request instanceof SubscribeRequest subscribe ? host.onSubscribe(from, subscribe)
                : host.onUnsubscribe(from, (UnsubscribeRequest) request);
    }
}
