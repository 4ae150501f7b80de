package org.openimps.ssp.exchange.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.wire.ServiceRequest;

/**
 * The module's {@link Federation}: checks the domain, then hands the primitive to the {@link OutboundPipeline},
 * which stores it on its own bounded threads (a database write) and sends it. Notifications travel in the session we provide to
 * the peer when there is one; requests in the session we requested.
 */
@ApplicationScoped
public class OutboundSender implements Federation {
    private SspConfig config;
    private PeerDirectory directory;
    private OutboundPipeline pipeline;

    protected OutboundSender() {
        // for the CDI client proxy
    }

    @Inject
    public OutboundSender(SspConfig config, PeerDirectory directory, OutboundPipeline pipeline) {
        this.config = config;
        this.directory = directory;
        this.pipeline = pipeline;
    }

    @Override
    public String localDomain() {
        return config.domain();
    }

    @Override
    public CompletionStage<Reply> send(String domain, Object primitive) {
        Optional<PeerConfig> peer = directory.find(domain);
        if (peer.isEmpty()) {
            return CompletableFuture.completedFuture(new Reply.Failed(null, StatusCode.DOMAIN_NOT_SUPPORTED, domain));
        }
        if (primitive instanceof ServiceRequest request) {
            request.ensureMetaInfo(config.domain()); // deployed servers fail on a request without it
        }
        CompletableFuture<Reply> result = new CompletableFuture<>();
        pipeline.submit(peer.get(), primitive, result);
        return result;
    }
}
