package org.openimps.ssp.binding.http.inbound;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.time.Clock;
import java.util.logging.Logger;
import org.openimps.ssp.admin.ReferenceApiServlet;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.exchange.InboundGate;
import org.openimps.ssp.runtime.DeploymentConfig;
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.spi.reference.Greeting;
import org.openimps.ssp.spi.reference.ReferenceImpsService;
import org.openimps.ssp.wire.SspCodec;

/**
 * Registers the SSP servlet at the configured path (an annotation could not take it from configuration), and
 * the reference API when enabled. A configuration error fails the deployment with a message naming the file.
 */
@WebListener
public class SspBootstrap implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(SspBootstrap.class.getName());

    // Looked up only after the configuration is loaded: they all depend on it.
    @Inject
    DeploymentConfig deploymentConfig;
    @Inject
    Instance<SspConfig> config;
    @Inject
    Instance<SspCodec> codec;
    @Inject
    Instance<InboundGate> gate;
    @Inject
    Instance<Clock> clock;
    @Resource(lookup = "java:comp/DefaultContextService")
    ContextService contextService;
    @Inject
    Instance<ReferenceImpsService> reference;
    @Inject
    Instance<SessionRegistry> sessions;
    @Inject
    Instance<Greeting> greeting;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        deploymentConfig.load(context);
        SspConfig config = this.config.get();
        InboundGate inbound = gate.get();
        inbound.queued(); // resolve the whole inbound chain now: a wiring fault fails the deployment, not a peer's POST
        ServletRegistration.Dynamic ssp = context.addServlet("ssp", new SspServlet(codec.get(), inbound, clock.get(),
                config.redirectSetupTo().orElse(null), contextService));
        ssp.setAsyncSupported(true);
        ssp.setLoadOnStartup(1);
        // "/" would make SSP the default servlet and hide the console; "" is exactly the context root.
        String mapping = "/".equals(config.getPath()) ? "" : config.getPath();
        ssp.addMapping(mapping);
        if (config.getReference().isHttpApi()) {
            ServletRegistration.Dynamic api = context.addServlet("reference-api", new ReferenceApiServlet(reference.get(), sessions.get()));
            api.setAsyncSupported(true);
            api.addMapping("/api/reference/*");
        }
        greeting.get().start();
        LOG.info(() -> "SSP domain " + config.getDomain() + " listening at " + context.getContextPath()
                + (mapping.isEmpty() ? "/" : mapping) + "; console at " + context.getContextPath() + "/");
    }
}
