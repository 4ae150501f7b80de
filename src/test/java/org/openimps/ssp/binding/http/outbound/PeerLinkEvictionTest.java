package org.openimps.ssp.binding.http.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.config.ConfigParser;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.directory.HostAddresses;
import org.openimps.ssp.protocol.OutboundPost;

/**
 * Connections are held for at most {@code maxSessions} peers; more peers than that over time are all reachable in
 * turn, because an idle peer gives its place back, and a link is never closed under a POST in flight. Real sockets
 * on loopback: each peer is a small HTTP server answering the empty 200.
 */
class PeerLinkEvictionTest {
    private static final int MAX_SESSIONS = 2;
    private final List<HttpServer> peers = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private SspConfig config;
    private JerseyPeerTransport transport;

    @BeforeEach
    void start() throws Exception {
        StringBuilder json = new StringBuilder("{\"domain\": \"alpha.example\", \"maxSessions\": " + MAX_SESSIONS
                + ", \"peers\": [");
        for (int i = 0; i < 5; i++) {
            HttpServer peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            peer.setExecutor(Executors.newCachedThreadPool());
            peer.createContext("/ssp", exchange -> {
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestURI().getQuery() != null) {
                    try {
                        release.await(10, TimeUnit.SECONDS); // a POST held in flight
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            peer.start();
            peers.add(peer);
            json.append(i == 0 ? "" : ", ").append("{\"domain\": \"p").append(i).append(".example\", \"url\": \"http://127.0.0.1:")
                    .append(peer.getAddress().getPort()).append("/ssp\", \"pipelineDepth\": 1}");
        }
        config = new ConfigParser().parse(new ByteArrayInputStream(json.append("]}").toString()
                .getBytes(StandardCharsets.UTF_8)), "test");
        transport = new JerseyPeerTransport(config, new HostAddresses(config.dns()), Executors.defaultThreadFactory(),
                timer);
    }

    @AfterEach
    void stop() {
        release.countDown();
        transport.close();
        timer.shutdownNow();
        peers.forEach(p -> p.stop(0));
    }

    @Test
    void morePeersThanMaxSessionsAreAllReachableInTurnAndTheTableStaysBounded() throws Exception {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5; i++) {
                assertEquals(url(i), transport.postAsync(post(i, "r" + round + "p" + i, "")).get(10, TimeUnit.SECONDS));
                assertTrue(transport.openLinks() <= MAX_SESSIONS, "links held: " + transport.openLinks());
            }
        }
    }

    @Test
    void aNewPeerBeyondTheBoundTakesTheIdlePlaceNeverOneWithAPostInFlight() throws Exception {
        CompletableFuture<URI> held = transport.postAsync(post(0, "held", "?hold"));
        transport.postAsync(post(1, "other", "")).get(10, TimeUnit.SECONDS); // p1 idle again, p0 busy
        assertEquals(url(2), transport.postAsync(post(2, "third", "")).get(10, TimeUnit.SECONDS), "p1's place");
        assertEquals(url(3), transport.postAsync(post(3, "fourth", "")).get(10, TimeUnit.SECONDS), "p2's place");
        assertTrue(!held.isDone(), "the POST in flight to p0 was not cut");
        release.countDown();
        held.get(10, TimeUnit.SECONDS);
    }

    @Test
    void whenEveryHeldPeerHasAPostInFlightANewPeerIsRefusedWithTheReasonUntilOneIsDone() throws Exception {
        CompletableFuture<URI> a = transport.postAsync(post(0, "a", "?hold"));
        CompletableFuture<URI> b = transport.postAsync(post(1, "b", "?hold"));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> transport.postAsync(post(2, "c", "")).get(10, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().contains("maxSessions"), refused.getCause().getMessage());
        release.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        assertEquals(url(2), transport.postAsync(post(2, "c", "")).get(10, TimeUnit.SECONDS));
    }

    private OutboundPost post(int peer, String txn, String query) {
        PeerConfig p = config.peers().get(peer);
        return new OutboundPost(p, URI.create(url(peer) + query), "<x/>".getBytes(StandardCharsets.UTF_8), txn, "s", false);
    }

    private URI url(int peer) {
        return URI.create("http://127.0.0.1:" + peers.get(peer).getAddress().getPort() + "/ssp");
    }
}
