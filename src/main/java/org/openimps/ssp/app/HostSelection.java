package org.openimps.ssp.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.openimps.ssp.binding.http.bridge.CallbackHost;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.spi.ImpsHost;

/**
 * The host the handlers talk to ({@code @Ssp ImpsHost}): the JSON bridge's callback host when
 * {@code bridge.callbackUrl} is set, else the in-WAR ImpsHost (the host's own alternative, or the reference
 * service).
 */
@ApplicationScoped
public class HostSelection {

    @Produces
    @Ssp
    ImpsHost host(SspConfig config, ImpsHost inWar, Instance<CallbackHost> bridge) {
        return config.bridge().isEnabled() ? bridge.get() : inWar;
    }
}
