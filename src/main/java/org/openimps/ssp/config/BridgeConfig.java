package org.openimps.ssp.config;

import jakarta.json.bind.annotation.JsonbCreator;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON bridge for a host IMPS server in another deployment. With {@code callbackUrl} set, every primitive a
 * remote domain sends is POSTed there as JSON and the JSON answer becomes the SSP response; the host sends with
 * {@code POST /api/bridge/send} (role ssp-host). Immutable; JSON keys are the component names.
 *
 * @param callbackUrl           where inbound primitives go, e.g. {@code http://127.0.0.1:9080/imps/ssp-inbound}.
 *                              Default none: the in-WAR host.
 * @param callbackTimeoutMillis how long the host may take to answer one callback (then Status 503 to the peer).
 *                              Default 5000.
 */
public record BridgeConfig(String callbackUrl, Integer callbackTimeoutMillis) {

    @JsonbCreator
    public BridgeConfig {
        callbackTimeoutMillis = callbackTimeoutMillis == null ? 5_000 : callbackTimeoutMillis;
    }

    /** No bridge: the in-WAR host. */
    public static BridgeConfig defaults() {
        return new BridgeConfig(null, null);
    }

    public boolean isEnabled() {
        return callbackUrl != null && !callbackUrl.isBlank();
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
