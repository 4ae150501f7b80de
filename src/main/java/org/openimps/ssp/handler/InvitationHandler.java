package org.openimps.ssp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.spi.ImpsHost;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.CancelInviteRequest;
import org.openimps.ssp.wire.InviteRequest;
import org.openimps.ssp.wire.InviteResponse;

/** InviteRequest, CancelInviteRequest and InviteResponse: the acting user must be a user of the peer's domain. */
@ApplicationScoped
public class InvitationHandler implements RequestHandler {
    private ImpsHost host;

    protected InvitationHandler() {
        // for the CDI client proxy
    }

    @Inject
    public InvitationHandler(@Ssp ImpsHost host) {
        this.host = host;
    }

    @Override
    public boolean handles(Object payload) {
        return payload instanceof InviteRequest || payload instanceof CancelInviteRequest
                || payload instanceof InviteResponse;
    }

    @Override
    public Object handle(RemoteRequest from, Object payload) {
        if (payload instanceof InviteRequest invite) {
            return checked(from, invite.getInviteId(), invite.invitingId(), invite.invitedId(),
                    () -> host.onInvite(from, invite));
        }
        if (payload instanceof CancelInviteRequest cancel) {
            return checked(from, cancel.getInviteId(), cancel.cancelingId(), cancel.canceledId(),
                    () -> host.onCancelInvite(from, cancel));
        }
        InviteResponse response = (InviteResponse) payload;
        return checked(from, response.getInviteId(), response.respondingId(), response.invitingId(),
                () -> host.onInviteResponse(from, response));
    }

    private static Object checked(RemoteRequest from, String inviteId, String actor, String counterpart,
                                  java.util.function.Supplier<Object> host) {
        if (inviteId == null || actor == null || counterpart == null) {
            return StatusCode.BAD_REQUEST.toStatus("inviteID and both users required");
        }
        if (!SenderCheck.belongsTo(actor, from.peerDomain())) {
            return StatusCode.DOMAIN_MISMATCH.toStatus(actor);
        }
        return host.get();
    }
}
