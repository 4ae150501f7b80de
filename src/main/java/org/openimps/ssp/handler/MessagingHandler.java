package org.openimps.ssp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.spi.ImpsHost;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.DeliveryStatusReport;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;

/**
 * SendMessageRequest and DeliveryStatusReport: the sender (or reporter) must be a user of the peer's domain, and
 * a base64 ContentData must decode before the host sees the message.
 */
@ApplicationScoped
public class MessagingHandler implements RequestHandler {
    private static final Logger LOG = Logger.getLogger(MessagingHandler.class.getName());

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
        return payload instanceof SendMessageRequest || payload instanceof DeliveryStatusReport;
    }

    @Override
    public Object handle(RemoteRequest from, Object payload) {
        if (payload instanceof DeliveryStatusReport report) {
            return report(from, report);
        }
        SendMessageRequest request = (SendMessageRequest) payload;
        if (request.getMessageInfo() == null || request.getMessageInfo().recipientId() == null) {
            return new SendMessageResponse(StatusCode.BAD_REQUEST.toStatus("MessageInfo with Recipient required"), null);
        }
        String sender = request.getMessageInfo().senderId();
        if (!SenderCheck.belongsTo(sender, from.peerDomain())) {
            return new SendMessageResponse(StatusCode.DOMAIN_MISMATCH.toStatus(sender), null);
        }
        try {
            request.getContentData();
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "SendMessageRequest txn " + from.transactionId() + " from " + from.peerDomain()
                    + ": ContentData is not base64: " + e.getMessage());
            return new SendMessageResponse(StatusCode.BAD_REQUEST.toStatus("ContentData is not valid base64"),
                    request.getMessageInfo().getMessageId());
        }
        return host.onSendMessage(from, request);
    }

    private Object report(RemoteRequest from, DeliveryStatusReport report) {
        if (report.getMessageInfo() == null || report.result() == null) {
            return StatusCode.BAD_REQUEST.toStatus("DeliveryResult and MessageInfo required");
        }
        String reporter = report.requestorUserId();
        if (SenderCheck.namedOutside(reporter, from.peerDomain())) {
            return StatusCode.DOMAIN_MISMATCH.toStatus(reporter);
        }
        return host.onDeliveryStatusReport(from, report);
    }
}
