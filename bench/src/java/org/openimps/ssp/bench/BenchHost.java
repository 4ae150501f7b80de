package org.openimps.ssp.bench;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.UUID;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.spi.ImpsHost;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;
import org.openimps.ssp.wire.Status;

/** The receiving domain's host in the bench: answers at once, except a message marked [slow] takes 2 s. */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
@ApplicationScoped
public class BenchHost implements ImpsHost {
    static final long SLOW_MILLIS = 2_000;

    @Override
    public SendMessageResponse onSendMessage(RemoteRequest from, SendMessageRequest request) {
        if (request.getContentData() != null && request.getContentData().startsWith("[slow]")) {
            try {
                Thread.sleep(SLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new SendMessageResponse(StatusCode.OK.toStatus(), UUID.randomUUID().toString());
    }

    @Override
    public GetPresenceResponse onGetPresence(RemoteRequest from, GetPresenceRequest request) {
        return new GetPresenceResponse(StatusCode.OK.toStatus(), List.of());
    }

    @Override
    public Status onPresenceNotification(RemoteRequest from, PresenceNotification notification) {
        return StatusCode.OK.toStatus();
    }
}
