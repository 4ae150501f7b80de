package org.openimps.ssp.binding.http.inbound;

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
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.spi.reference.ReferenceImpsService;
import org.openimps.ssp.wire.SspCodec;

/**
 * Registers the SSP servlet at the configured path (an annotation could not take it from configuration), and
 * the reference API when enabled. A configuration error fails the deployment with a message naming the file.
 */
@WebListener
public class SspBootstrap implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(SspBootstrap.class.getName());

    @Inject
    SspConfig config;
    @Inject
    SspCodec codec;
    @Inject
    InboundGate gate;
    @Inject
    Clock clock;
    @Inject
    ReferenceImpsService reference;
    @Inject
    SessionRegistry sessions;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ServletRegistration.Dynamic ssp = context.addServlet("ssp", new SspServlet(codec, gate, clock));
        ssp.setAsyncSupported(true);
        ssp.setLoadOnStartup(1);
        // "/" would make SSP the default servlet and hide the console; "" is exactly the context root.
        String mapping = "/".equals(config.getPath()) ? "" : config.getPath();
        ssp.addMapping(mapping);
        if (config.getReference().isHttpApi()) {
            ServletRegistration.Dynamic api = context.addServlet("reference-api", new ReferenceApiServlet(reference, sessions));
            api.setAsyncSupported(true);
            api.addMapping("/api/reference/*");
        }
        LOG.info(() -> "SSP domain " + config.getDomain() + " listening at " + context.getContextPath()
                + (mapping.isEmpty() ? "/" : mapping) + "; console at " + context.getContextPath() + "/");
    }
}
