package org.openimps.ssp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.spi.ImpsHost;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.Presence;
import org.openimps.ssp.wire.PresenceNotification;

/** GetPresenceRequest and PresenceNotification; a notification may only speak of the peer's own users. */
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
        return payload instanceof GetPresenceRequest || payload instanceof PresenceNotification;
    }

    @Override
    public Object handle(RemoteRequest from, Object payload) {
        if (payload instanceof GetPresenceRequest request) {
            if (request.userIds().isEmpty()) {
                return new GetPresenceResponse(StatusCode.BAD_REQUEST.toStatus("no User"), java.util.List.of());
            }
            return host.onGetPresence(from, request);
        }
        PresenceNotification notification = (PresenceNotification) payload;
        for (Presence p : notification.getPresence()) {
            if (!SenderCheck.belongsTo(p.getUserId(), from.peerDomain())) {
                return StatusCode.DOMAIN_MISMATCH.toStatus(p.getUserId());
            }
        }
        return host.onPresenceNotification(from, notification);
    }
}
