package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JSON bridge for a host in another deployment: beta's host is this test, reached by callback on a
 * loopback port, and sending through beta's /api/bridge/send (role ssp-host, HTTPS).
 */
@ExtendWith(ArquillianExtension.class)
class BridgeIT {
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final List<Map<String, Object>> CALLBACKS = new CopyOnWriteArrayList<>();
    private static final HttpServer HOST = startHost();

    private final ReferenceApi alpha = new ReferenceApi("br-alpha");
    private final OperatorClient betaHost = new OperatorClient("br-beta");

    @Deployment(name = "br-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("br-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp("br-beta").toString()));
    }

    @Deployment(name = "br-beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("br-beta", new Deployments.Config("beta.test")
                .peer("alpha.test", ItEnv.ssp("br-alpha").toString())
                .set("bridge", Map.of("callbackUrl", "http://127.0.0.1:" + HOST.getAddress().getPort() + "/callback",
                        "callbackTimeoutMillis", 3000)));
    }

    @AfterAll
    static void stopHost() {
        HOST.stop(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void inboundPrimitivesReachTheHostsCallbackAndItsAnswerIsTheSspResponse() {
        String text = "to the remote host " + UUID.randomUUID();
        Map<String, Object> reply = alpha.sendMessage("alice", "wv:bob@beta.test", text);
        assertEquals(200, ReferenceApi.statusCode(reply), reply.toString());
        assertEquals("host-42", reply.get("messageId"), "the id the host's callback answered");
        Map<String, Object> seen = CALLBACKS.stream().filter(c -> text.equals(c.get("text"))).findFirst().orElseThrow();
        assertEquals("SendMessageRequest", seen.get("primitive"));
        assertEquals("alpha.test", seen.get("peerDomain"));
        assertEquals("wv:alice@alpha.test", seen.get("sender"));
        assertEquals("wv:bob@beta.test", seen.get("recipient"));
    }

    @Test
    void aHostThatFailsGetsThePeerAStatus503NotAHang() {
        Map<String, Object> reply = alpha.sendMessage("alice", "wv:bob@beta.test", "[fail] please");
        assertEquals(503, ReferenceApi.statusCode(reply), reply.toString());
    }

    @Test
    void theHostSendsThroughTheBridgeAsRoleSspHostOnly() {
        String text = "from the remote host " + UUID.randomUUID();
        String json = JSON.toJson(Map.of("from", "wv:bob@beta.test", "to", "wv:alice@alpha.test", "text", text));
        assertEquals(401, betaHost.postJson("api/bridge/send", json, null, null).statusCode());
        var sent = betaHost.postJson("api/bridge/send", json, OperatorClient.user(), OperatorClient.password());
        assertEquals(200, sent.statusCode(), sent.body());
        assertTrue(sent.body().contains("\"code\":200"), sent.body());
        assertTrue(alpha.inbox("alice").stream().anyMatch(m -> text.equals(m.get("text"))));
    }

    /** The remote host: records each callback and answers it; "[fail]" in a text makes it answer HTTP 500. */
    @SuppressWarnings("unchecked")
    private static HttpServer startHost() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/callback", exchange -> {
                Map<String, Object> inbound = JSON.fromJson(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8), Map.class);
                CALLBACKS.add(inbound);
                boolean fail = String.valueOf(inbound.get("text")).contains("[fail]");
                byte[] answer = JSON.toJson(Map.of("status", 200, "messageId", "host-42")).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(fail ? 500 : 200, fail ? -1 : answer.length);
                if (!fail) {
                    exchange.getResponseBody().write(answer);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
