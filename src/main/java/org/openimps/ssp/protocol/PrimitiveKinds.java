package org.openimps.ssp.protocol;

import org.openimps.ssp.wire.DeliveryStatusReport;
import org.openimps.ssp.wire.InviteResponse;
import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.Primitives;

/** Which primitives are notifications (sent by the provider, a DeliveryStatusReport among them) and which are answers (no response expected). */
public final class PrimitiveKinds {
    private PrimitiveKinds() {
    }

    public static boolean isNotification(Object payload) {
        return payload instanceof PresenceNotification || payload instanceof DeliveryStatusReport
                || Primitives.nameOf(payload).endsWith("Notification");
    }

    /**
     * Responses and plain Status: some peers send these with mode="Request", and expect nothing back. An
     * InviteResponse is the exception: despite its name it is the invitee's request, answered with a Status.
     */
    public static boolean isAnswer(Object payload) {
        if (payload instanceof InviteResponse) {
            return false;
        }
        String name = Primitives.nameOf(payload);
        return name.endsWith("Response") || "Status".equals(name);
    }
}
