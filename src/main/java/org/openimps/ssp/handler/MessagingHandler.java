package org.openimps.ssp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.spi.ImpsHost;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;

/** SendMessageRequest: the sender must be a user of the peer's domain. */
@ApplicationScoped
public class MessagingHandler implements RequestHandler {
    private ImpsHost host;

    protected MessagingHandler() {
        // for the CDI client proxy
    }

    @Inject
    public MessagingHandler(@Ssp ImpsHost host) {
        this.host = host;
    }

    @Override
    public boolean handles(Object payload) {
        return payload instanceof SendMessageRequest;
    }

    @Override
    public Object handle(RemoteRequest from, Object payload) {
        SendMessageRequest request = (SendMessageRequest) payload;
        if (request.getMessageInfo() == null || request.getMessageInfo().recipientId() == null) {
            return new SendMessageResponse(StatusCode.BAD_REQUEST.toStatus("MessageInfo with Recipient required"), null);
        }
        String sender = request.getMessageInfo().senderId();
        if (!SenderCheck.belongsTo(sender, from.peerDomain())) {
            return new SendMessageResponse(StatusCode.DOMAIN_MISMATCH.toStatus(sender), null);
        }
        return host.onSendMessage(from, request);
    }
}
