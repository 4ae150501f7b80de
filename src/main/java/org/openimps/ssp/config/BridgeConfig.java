package org.openimps.ssp.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON bridge for a host IMPS server in another deployment. With {@code callbackUrl} set, every primitive a
 * remote domain sends is POSTed there as JSON and the JSON answer becomes the SSP response; the host sends with
 * {@code POST /api/bridge/send} (role ssp-host). JSON keys are the field names.
 */
public class BridgeConfig {
    /** Where inbound primitives go, e.g. {@code http://127.0.0.1:9080/imps/ssp-inbound}. Default none: the in-WAR host. */
    private String callbackUrl;
    /** How long the host may take to answer one callback, milliseconds (then Status 503 to the peer). Default 5000. */
    private int callbackTimeoutMillis = 5_000;

    public boolean isEnabled() {
        return callbackUrl != null && !callbackUrl.isBlank();
    }

    public String getCallbackUrl() {
        return callbackUrl;
    }

    public int getCallbackTimeoutMillis() {
        return callbackTimeoutMillis;
    }

    List<String> problems() {
        List<String> out = new ArrayList<>();
        if (isEnabled() && !(callbackUrl.startsWith("http://") || callbackUrl.startsWith("https://"))) {
            out.add("bridge.callbackUrl must be an http or https URL");
        }
        if (callbackTimeoutMillis < 1) {
            out.add("bridge.callbackTimeoutMillis must be positive");
        }
        return out;
    }
}
