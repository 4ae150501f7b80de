package org.openimps.ssp.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.spi.reference.ReferenceImpsService;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;

/**
 * A host that takes 2 s over any message whose text contains "[slow]": deployed in the test WAR as a host
 * would deploy its own implementation, replacing the reference service.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@ApplicationScoped
public class SlowHost extends ReferenceImpsService {
    static final long DELAY_MILLIS = 2_000;

    @Override
    public SendMessageResponse onSendMessage(RemoteRequest from, SendMessageRequest request) {
        if (request.getContentData() != null && request.getContentData().contains("[slow]")) {
            try {
                Thread.sleep(DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return super.onSendMessage(from, request);
    }
}
