package org.openimps.ssp.binding.http.outbound;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.apache.hc.core5.http.HttpHost;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.openimps.ssp.protocol.OutboundPost;
import org.openimps.ssp.wire.SspContentType;
import org.openimps.ssp.wire.SspHeaders;

/**
 * Our half of one connection pair (spec 5.1): a Jersey client whose connector pipelines every POST of this lane
 * on one persistent connection per route ({@link Pipeline}). A redirect during setup may need a second route.
 * Nothing blocks while a POST waits for its answer.
 */
final class Lane implements AutoCloseable {
    private final PipelinedConnector connector;
    private final Client client;
    /** The last target POSTed to: nearly always the peer's one URL, so its parsed form is kept. */
    private volatile Target last;

    /**
     * @param pipelines opens the pipeline of a route
     * @param jersey    runs Jersey's side of each asynchronous request (its filters; never a wait)
     */
    Lane(Function<HttpHost, Pipeline> pipelines, ExecutorService jersey) {
        connector = new PipelinedConnector(pipelines);
        ClientConfig config = new ClientConfig()
                .connectorProvider((jaxrsClient, runtime) -> connector)
                .property(ClientProperties.FOLLOW_REDIRECTS, false);
        client = new JerseyClientBuilder().withConfig(config).executorService(jersey).build();
    }

    /** POSTs the body; the stage completes with the peer's HTTP answer, or with why there was none. */
    CompletableFuture<Answer> post(URI target, OutboundPost post) {
        Invocation.Builder request = target(target).request().header(SspHeaders.TRANSACTION_ID, post.transactionId());
        if (post.sessionId() != null) {
            request.header(SspHeaders.SESSION_ID, post.sessionId());
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            request.async().post(Entity.entity(post.body(), SspContentType.WITH_CHARSET), new InvocationCallback<Response>() {
                @Override
                public void completed(Response response) {
                    try (response) {
                        answer.complete(new Answer(response.getStatus(), response.getLocation()));
                    }
                }

                @Override
                public void failed(Throwable error) {
                    answer.completeExceptionally(error);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(new PipelineFailure("too many POSTs waiting to be written", e, false));
        }
        return answer;
    }

    /** Keep-alive seen on this lane's routes so far. */
    KeepAliveSeen keepAlive() {
        return connector.open().stream().map(Pipeline::keepAlive).reduce(KeepAliveSeen.NONE, KeepAliveSeen::plus);
    }

    /** Stop-and-wait on every route of this lane from now on. */
    void stopAndWait() {
        connector.open().forEach(Pipeline::stopAndWait);
    }

    /**
     * A Jersey target for {@code uri}. Resolving a target parses the URI and copies the client's configuration;
     * a lane POSTs to one URL (a second only while a setup redirect is followed), so the last one is reused.
     */
    private WebTarget target(URI uri) {
        Target known = last;
        if (known == null || !known.uri().equals(uri)) {
            known = new Target(uri, client.target(uri));
            last = known;
        }
        return known.target();
    }

    private record Target(URI uri, WebTarget target) {
    }

    /** The peer's HTTP answer: its status and, for a redirect, where to. */
    record Answer(int status, URI location) {
    }

    @Override
    public void close() {
        client.close(); // closes the connector and with it the pipelines
    }
}
