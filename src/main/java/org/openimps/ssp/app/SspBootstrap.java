package org.openimps.ssp.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;
import org.openimps.ssp.admin.AdminApiServlet;
import org.openimps.ssp.admin.AdminView;
import org.openimps.ssp.admin.BridgeApiServlet;
import org.openimps.ssp.admin.HealthServlet;
import org.openimps.ssp.admin.MetricsServlet;
import org.openimps.ssp.admin.ReferenceApiServlet;
import org.openimps.ssp.binding.http.inbound.SetupRedirect;
import org.openimps.ssp.binding.http.inbound.SspServlet;
import org.openimps.ssp.binding.http.outbound.JerseyPeerTransport;
import org.openimps.ssp.check.DomainChecker;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.correlation.CorrelationStore;
import org.openimps.ssp.directory.DnsSrvLookup;
import org.openimps.ssp.directory.HostAddresses;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.exchange.inbound.InboundGate;
import org.openimps.ssp.exchange.outbound.OutboundPipeline;
import org.openimps.ssp.handler.WireForms;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.runtime.DeploymentConfig;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.session.Handshakes;
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.session.SetupClaims;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.spi.reference.Greeting;
import org.openimps.ssp.spi.reference.ReferenceImpsService;
import org.openimps.ssp.store.Schema;
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
    Instance<Monitor> monitor;
    @Inject
    Instance<WireForms> wireForms;
    @Inject
    Instance<Federation> federation;
    @Inject
    Instance<PeerDirectory> directory;
    @Inject
    Instance<CorrelationStore> correlation;
    @Inject
    Instance<Handshakes> handshakes;
    @Inject
    Instance<OutboundPipeline> deliveries;
    @Inject
    Instance<Schema> schema;
    @Inject
    Instance<JerseyPeerTransport> transport;
    @Inject
    Instance<DnsSrvLookup> srv;
    @Inject
    Instance<HostAddresses> hostAddresses;
    @Inject
    @Ssp
    Instance<ExecutorService> executor;
    @Inject
    Instance<ReferenceImpsService> reference;
    @Inject
    Instance<SessionRegistry> sessions;
    @Inject
    Instance<Greeting> greeting;

    @Inject
    Instance<SetupClaims> setupClaims;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        deploymentConfig.load(context);
        SspConfig config = this.config.get();
        schema.get().install(); // before anything stores: the durable queue and dedupe need their tables
        InboundGate inbound = gate.get();
        inbound.queued(); // resolve the whole inbound chain now: a wiring fault fails the deployment, not a peer's POST
        Handshakes setups = handshakes.get();
        SetupClaims claims = setupClaims.get();
        SetupRedirect redirect = new SetupRedirect(config.setupRedirect().orElse(null),
                config.nodeUrl() == null ? null : URI.create(config.nodeUrl()), setups::initiating, claims::initiator);
        ServletRegistration.Dynamic ssp = context.addServlet("ssp", new SspServlet(codec.get(), inbound, clock.get(),
                redirect, config.bodyTimeoutMillis(), contextService, monitor.get()));
        ssp.setAsyncSupported(true);
        ssp.setLoadOnStartup(1);
        // "/" would make SSP the default servlet and hide the console; "" is exactly the context root.
        String mapping = "/".equals(config.path()) ? "" : config.path();
        ssp.addMapping(mapping);
        if (config.reference().httpApi()) {
            ServletRegistration.Dynamic api = context.addServlet("reference-api", new ReferenceApiServlet(reference.get(), sessions.get()));
            api.setAsyncSupported(true);
            api.addMapping("/api/reference/*");
        }
        registerAdmin(context, config, inbound);
        deliveries.get().start();
        greeting.get().start();
        LOG.info(() -> "SSP domain " + config.domain() + " listening at " + context.getContextPath()
                + (mapping.isEmpty() ? "/" : mapping) + "; console at " + context.getContextPath()
                + (mapping.isEmpty() ? "/index.html" : "/") + ", operator console at "
                + context.getContextPath() + "/admin/ (HTTPS, role ssp-admin)");
    }

    /**
     * The admin API and /metrics (role ssp-admin, see WEB-INF/web.xml), and the meters that read the module's
     * state when scraped.
     */
    private void registerAdmin(ServletContext context, SspConfig config, InboundGate inbound) {
        Monitor meters = monitor.get();
        CorrelationStore pending = correlation.get();
        SessionRegistry registry = sessions.get();
        Handshakes setup = handshakes.get();
        JerseyPeerTransport http = transport.get();
        meters.gauge("ssp_pending_transactions", "transactions sent and awaiting their response", pending::size);
        meters.gauge("ssp_sessions", "established sessions, both roles", () -> registry.all().size());
        // with ssp_node{node} on the same scrape: which node holds which peer's sessions
        meters.gauges("ssp_peer_sessions", "sessions this node holds, by peer domain", "peer", registry::countByPeer);
        meters.gauge("ssp_inbound_queued", "inbound messages accepted and not yet processed", inbound::queued);
        meters.gauge("ssp_handshakes_in_progress", "half-finished session establishments", setup::inProgress);
        // counters read the beans through their CDI client proxies (method references on them)
        meters.counter("ssp_sessions_established_total", "sessions established since start", registry,
                SessionRegistry::established);
        meters.counter("ssp_handshake_failures_total", "session establishments failed or refused", setup,
                Handshakes::failures);
        meters.gauge("ssp_peers_stop_and_wait", "peers found not to take pipelined POSTs", http::stopAndWaitPeers);
        DomainChecker checker = new DomainChecker(config, directory.get(), srv.get(), hostAddresses.get(), setup,
                registry, federation.get(), http, clock.get(), executor.get());
        ServletRegistration.Dynamic admin = context.addServlet("admin-api", new AdminApiServlet(new AdminView(config,
                directory.get(), registry, pending, inbound, deliveries.get(), meters, wireForms.get(),
                http::pipeliningRefused), checker));
        admin.setAsyncSupported(true); // a federation check answers when its steps are done
        admin.addMapping("/api/admin/*");
        context.addServlet("metrics", new MetricsServlet(meters)).addMapping("/metrics");
        context.addServlet("health", new HealthServlet(config.nodeId(), inbound::open)).addMapping("/health");
        ServletRegistration.Dynamic bridge = context.addServlet("bridge-api", new BridgeApiServlet(federation.get()));
        bridge.setAsyncSupported(true);
        bridge.addMapping("/api/bridge/*");
    }
}
