package org.openimps.ssp.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.Presence;
import org.openimps.ssp.wire.SendMessageResponse;

/** Turns a {@link Reply} into the JSON shape the console and tests read. */
final class ReplyJson {
    private ReplyJson() {
    }

    static Map<String, Object> of(Reply reply) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transactionId", reply.transactionId());
        out.put("status", Map.of("code", reply.status().getCode(),
                "description", reply.status().getDescription() == null ? "" : reply.status().getDescription()));
        if (reply instanceof Reply.Answered answered) {
            out.put("primitive", answered.primitive());
            if (answered.payload() instanceof SendMessageResponse r && r.getMessageId() != null) {
                out.put("messageId", r.getMessageId());
            }
            if (answered.payload() instanceof GetPresenceResponse r) {
                out.put("presence", presence(r.getPresence()));
            }
        } else {
            out.put("primitive", null);
        }
        return out;
    }

    static List<Map<String, Object>> presence(List<Presence> presence) {
        return presence.stream().map(ReplyJson::presence).toList();
    }

    static Map<String, Object> presence(Presence p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", p.getUserId());
        out.put("availability", p.availability());
        out.put("statusText", p.statusText());
        out.put("online", p.online().orElse(null));
        return out;
    }
}
