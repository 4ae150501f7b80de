package org.openimps.ssp.binding.http.outbound;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.ClientResponse;
import org.glassfish.jersey.client.spi.AsyncConnectorCallback;
import org.glassfish.jersey.client.spi.Connector;

/**
 * A Jersey {@link Connector} that hands each request to the {@link Pipeline} of its route, so Jersey stays the
 * outbound API while POSTs are pipelined on one connection per route and lane. Bodies are buffered (SSP bodies
 * are small, and legacy peers expect a Content-Length). At most {@link #MAX_ROUTES} routes (the peer's URL and
 * the few a setup redirect may lead to).
 */
final class PipelinedConnector implements Connector {
    static final int MAX_ROUTES = 4;
    /** Headers the HTTP client writes itself from the request it sends. */
    private static final Set<String> OWN_HEADERS = Set.of("content-length", "content-type", "host", "connection",
            "transfer-encoding");

    private final Function<HttpHost, Pipeline> pipelines;
    private final Map<HttpHost, Pipeline> byRoute = new ConcurrentHashMap<>();

    /** @param pipelines opens the pipeline of a route, on its first request */
    PipelinedConnector(Function<HttpHost, Pipeline> pipelines) {
        this.pipelines = pipelines;
    }

    /** The pipelines open now, for the lane's view of them. */
    List<Pipeline> open() {
        return List.copyOf(byRoute.values());
    }

    @Override
    public ClientResponse apply(ClientRequest request) {
        try {
            return send(request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingException(e);
        } catch (ExecutionException e) {
            throw new ProcessingException(e.getCause());
        }
    }

    @Override
    public Future<?> apply(ClientRequest request, AsyncConnectorCallback callback) {
        CompletableFuture<ClientResponse> response;
        try {
            response = send(request);
        } catch (ProcessingException e) {
            callback.failure(e);
            return CompletableFuture.failedFuture(e);
        }
        return response.whenComplete((answer, error) -> {
            if (error != null) {
                callback.failure(error instanceof java.util.concurrent.CompletionException c ? c.getCause() : error);
            } else {
                callback.response(answer);
            }
        });
    }

    private CompletableFuture<ClientResponse> send(ClientRequest request) {
        HttpHost route = HttpHost.create(request.getUri());
        Pipeline pipeline = byRoute.get(route);
        if (pipeline == null) {
            synchronized (byRoute) {
                pipeline = byRoute.get(route);
                if (pipeline == null) {
                    if (byRoute.size() >= MAX_ROUTES) {
                        throw new ProcessingException("more than " + MAX_ROUTES + " routes on one lane: " + route);
                    }
                    pipeline = pipelines.apply(route);
                    byRoute.put(route, pipeline);
                }
            }
        }
        return pipeline.submit(toHttp(request)).thenApply(answer -> toJersey(answer, request));
    }

    /** The request as the HTTP client sends it: method, URI, our headers and the buffered entity. */
    private static SimpleHttpRequest toHttp(ClientRequest request) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        if (request.hasEntity()) {
            request.setStreamProvider(length -> body);
            try {
                request.writeEntity();
            } catch (IOException e) {
                throw new ProcessingException("request entity not written", e);
            }
        }
        SimpleHttpRequest http = SimpleHttpRequest.create(Method.normalizedValueOf(request.getMethod()), request.getUri());
        request.getStringHeaders().forEach((name, values) -> {
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> http.addHeader(name, value));
            }
        });
        if (request.hasEntity()) {
            String type = request.getHeaderString("Content-Type");
            http.setBody(body.toByteArray(), type == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.parse(type));
        }
        return http;
    }

    private static ClientResponse toJersey(SimpleHttpResponse answer, ClientRequest request) {
        ClientResponse response = new ClientResponse(status(answer.getCode(), answer.getReasonPhrase()), request);
        for (Header header : answer.getHeaders()) {
            response.getHeaders().add(header.getName(), header.getValue());
        }
        byte[] body = answer.getBodyBytes();
        response.setEntityStream(new ByteArrayInputStream(body == null ? new byte[0] : body));
        return response;
    }

    private static Response.StatusType status(int code, String reason) {
        Response.Status known = Response.Status.fromStatusCode(code);
        return known != null ? known : new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return code;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.familyOf(code);
            }

            @Override
            public String getReasonPhrase() {
                return reason == null ? "" : reason;
            }
        };
    }

    @Override
    public String getName() {
        return "SSP pipelined HTTP/1.1 (Apache HttpClient 5 async endpoint)";
    }

    @Override
    public void close() {
        byRoute.values().forEach(Pipeline::close);
        byRoute.clear();
    }
}
