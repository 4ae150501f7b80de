package org.openimps.ssp.example;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
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

/**
 * docs/host-integration.md, step 1: the host's own {@link ImpsHost}, in the same WAR as the module. Being an
 * enabled {@code @Alternative}, it replaces the bundled reference service; the module calls it on its managed
 * executor for every request a remote domain sends. Here the "CSP" is a bounded in-memory mailbox that the
 * host's servlet shows; a real host hands the message to its CSP session layer.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
@ApplicationScoped
public class CspHost implements ImpsHost {
    static final int MAX_KEPT = 100;

    private final List<String> delivered = new ArrayList<>();

    @Override
    public SendMessageResponse onSendMessage(RemoteRequest from, SendMessageRequest request) {
        String sender = request.getMessageInfo() == null ? "?" : request.getMessageInfo().senderId();
        synchronized (delivered) {
            if (delivered.size() == MAX_KEPT) {
                delivered.remove(0);
            }
            delivered.add(from.peerDomain() + " " + sender + ": " + request.getContentData());
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

    List<String> delivered() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }
}
