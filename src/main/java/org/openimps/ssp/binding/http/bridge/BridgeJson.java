package org.openimps.ssp.binding.http.bridge;

import java.util.List;

/** The bridge's JSON documents (JSON-B binds the public fields). */
public final class BridgeJson {
    private BridgeJson() {
    }

    /** What the host's callback receives for each inbound primitive. */
    public static class Inbound {
        public String peerDomain;
        public String sessionId;
        public String transactionId;
        /** True when the host may have had this request before (see {@code RemoteRequest.redelivered}). */
        public boolean redelivered;
        /** SendMessageRequest, GetPresenceRequest or PresenceNotification. */
        public String primitive;
        public String sender;
        public String recipient;
        public String text;
        public List<String> users;
        public List<PresenceJson> presence;
    }

    /** What the callback answers: becomes the SSP response. */
    public static class Answer {
        public int status = 200;
        public String description;
        public String messageId;
        public List<PresenceJson> presence;
    }

    /** One user's presence. */
    public static class PresenceJson {
        public String userId;
        public String availability;
        public String statusText;
    }

    /** Body of POST /api/bridge/send: a SendMessageRequest, or with {@code users} a GetPresenceRequest. */
    public static class Send {
        public String from;
        public String to;
        public String text;
        public List<String> users;
    }
}
