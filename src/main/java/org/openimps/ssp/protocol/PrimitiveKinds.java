package org.openimps.ssp.protocol;

import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.Primitives;

/** Which primitives are notifications (sent by the provider) and which are answers (no response expected). */
public final class PrimitiveKinds {
    private PrimitiveKinds() {
    }

    public static boolean isNotification(Object payload) {
        return payload instanceof PresenceNotification || Primitives.nameOf(payload).endsWith("Notification");
    }

    /** Responses and plain Status: some peers send these with mode="Request", and expect nothing back. */
    public static boolean isAnswer(Object payload) {
        String name = Primitives.nameOf(payload);
        return name.endsWith("Response") || "Status".equals(name);
    }
}
