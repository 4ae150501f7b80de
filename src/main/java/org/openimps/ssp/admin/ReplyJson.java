package org.openimps.ssp.admin;

import java.util.List;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.Presence;
import org.openimps.ssp.wire.SendMessageResponse;

/**
 * A {@link Reply} in the JSON shape the console and tests read. {@code messageId} for a SendMessageResponse that
 * names one, {@code presence} for a GetPresenceResponse, {@code inviteId} for an invitation we sent: null otherwise.
 */
public record ReplyJson(String transactionId, StatusJson status, String primitive, String messageId,
                 List<PresenceJson> presence, String inviteId) {

    public record StatusJson(int code, String description) {
    }

    public record PresenceJson(String userId, String availability, String statusText, Boolean online) {
    }

    static ReplyJson of(Reply reply) {
        StatusJson status = new StatusJson(reply.status().getCode(),
                reply.status().getDescription() == null ? "" : reply.status().getDescription());
        if (!(reply instanceof Reply.Answered answered)) {
            return new ReplyJson(reply.transactionId(), status, null, null, null, null);
        }
        String messageId = answered.payload() instanceof SendMessageResponse r ? r.getMessageId() : null;
        List<PresenceJson> presence = answered.payload() instanceof GetPresenceResponse r ? presence(r.getPresence()) : null;
        return new ReplyJson(reply.transactionId(), status, answered.primitive(), messageId, presence, null);
    }

    ReplyJson withInviteId(String id) {
        return new ReplyJson(transactionId, status, primitive, messageId, presence, id);
    }

    static List<PresenceJson> presence(List<Presence> presence) {
        return presence.stream().map(ReplyJson::presence).toList();
    }

    static PresenceJson presence(Presence p) {
        return new PresenceJson(p.getUserId(), p.availability(), p.statusText(), p.online().orElse(null));
    }
}
