package org.openimps.ssp.binding.http.bridge;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.logging.Logger;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.openimps.ssp.config.BridgeConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.spi.ImpsHost;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.Presence;
import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;
import org.openimps.ssp.wire.Status;

/**
 * The {@link ImpsHost} for a host in another deployment: each inbound primitive is POSTed as JSON to
 * {@code bridge.callbackUrl} (on the module's host threads) and the JSON answer becomes the SSP response.
 * A host that does not answer in time, or answers badly, gets the peer a Status 503, never a hang.
 * {@code @Typed}: it is chosen by configuration, never injected as the default ImpsHost.
 */
@ApplicationScoped
@Typed(CallbackHost.class)
public class CallbackHost implements ImpsHost {
    private static final Logger LOG = Logger.getLogger(CallbackHost.class.getName());
    /** Largest answer read from the host. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private BridgeConfig config;
    private Client client;
    private final Jsonb jsonb = JsonbBuilder.create();

    protected CallbackHost() {
        // for the CDI client proxy
    }

    @Inject
    public CallbackHost(SspConfig config) {
        this.config = config.bridge();
        this.client = new JerseyClientBuilder()
                .property(ClientProperties.CONNECT_TIMEOUT, this.config.callbackTimeoutMillis())
                .property(ClientProperties.READ_TIMEOUT, this.config.callbackTimeoutMillis())
                .build();
    }

    @PreDestroy
    void close() {
        client.close();
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.fine(() -> "closing JSON-B: " + e);
        }
    }

    @Override
    public SendMessageResponse onSendMessage(RemoteRequest from, SendMessageRequest request) {
        BridgeJson.Inbound in = inbound(from, "SendMessageRequest");
        in.sender = request.getMessageInfo() == null ? null : request.getMessageInfo().senderId();
        in.recipient = request.getMessageInfo() == null ? null : request.getMessageInfo().recipientId();
        in.text = request.getContentData();
        BridgeJson.Answer answer = call(in);
        return new SendMessageResponse(status(answer), answer.messageId);
    }

    @Override
    public GetPresenceResponse onGetPresence(RemoteRequest from, GetPresenceRequest request) {
        BridgeJson.Inbound in = inbound(from, "GetPresenceRequest");
        in.users = request.userIds();
        BridgeJson.Answer answer = call(in);
        List<Presence> presence = answer.presence == null ? List.of() : answer.presence.stream()
                .map(p -> new Presence(p.userId, p.availability, p.statusText)).toList();
        return new GetPresenceResponse(status(answer), presence);
    }

    @Override
    public Status onPresenceNotification(RemoteRequest from, PresenceNotification notification) {
        BridgeJson.Inbound in = inbound(from, "PresenceNotification");
        in.presence = notification.getPresence() == null ? List.of() : notification.getPresence().stream().map(p -> {
            BridgeJson.PresenceJson j = new BridgeJson.PresenceJson();
            j.userId = p.getUserId();
            j.availability = p.availability();
            j.statusText = p.statusText();
            return j;
        }).toList();
        return status(call(in));
    }

    private static BridgeJson.Inbound inbound(RemoteRequest from, String primitive) {
        BridgeJson.Inbound in = new BridgeJson.Inbound();
        in.peerDomain = from.peerDomain();
        in.sessionId = from.sessionId();
        in.transactionId = from.transactionId();
        in.redelivered = from.redelivered();
        in.primitive = primitive;
        return in;
    }

    private BridgeJson.Answer call(BridgeJson.Inbound in) {
        try (Response response = client.target(config.callbackUrl()).request(MediaType.APPLICATION_JSON_TYPE)
                .post(Entity.entity(jsonb.toJson(in), MediaType.APPLICATION_JSON_TYPE))) {
            if (response.getStatus() != 200) {
                return unavailable(in, "callback answered HTTP " + response.getStatus());
            }
            byte[] body = response.readEntity(java.io.InputStream.class).readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                return unavailable(in, "callback answer over " + MAX_ANSWER_BYTES + " bytes");
            }
            BridgeJson.Answer answer = jsonb.fromJson(new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    BridgeJson.Answer.class);
            return answer != null ? answer : unavailable(in, "callback answered nothing");
        } catch (ProcessingException | jakarta.json.bind.JsonbException | java.io.IOException e) {
            return unavailable(in, "callback failed: " + e.getMessage());
        }
    }

    private BridgeJson.Answer unavailable(BridgeJson.Inbound in, String reason) {
        LOG.warning(() -> in.primitive + " txn " + in.transactionId + " from " + in.peerDomain + " not handed to the host at "
                + config.callbackUrl() + ": " + reason);
        BridgeJson.Answer answer = new BridgeJson.Answer();
        answer.status = StatusCode.SERVICE_UNAVAILABLE.code();
        answer.description = "host not available";
        return answer;
    }

    private static Status status(BridgeJson.Answer answer) {
        return new Status(answer.status, answer.description);
    }
}
