package org.openimps.ssp.it;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The operator's side of a deployment over HTTPS (the test CA trusted): admin API and /metrics. */
final class OperatorClient {
    private static final Jsonb JSON = JsonbBuilder.create();
    private final HttpClient http;
    private final URI base;

    OperatorClient(String context) {
        this.base = URI.create("https://127.0.0.1:" + ItEnv.httpsPort() + "/" + context + "/");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(testCa())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static String user() {
        return System.getProperty("it.admin.user", "ssp-operator");
    }

    static String password() {
        return System.getProperty("it.admin.password", "");
    }

    HttpResponse<String> get(String path, String user, String password) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET(), user, password);
    }

    /** POSTs JSON as the given user (null: anonymous). */
    HttpResponse<String> postJson(String path, String json, String user, String password) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), user, password);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String user, String password) {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.build().uri() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** GET as the test operator, expecting 200. */
    String get(String path) {
        HttpResponse<String> response = get(path, user(), password());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> overview() {
        return JSON.fromJson(get("api/admin/overview"), Map.class);
    }

    /** The requests queued for a peer (in memory and in the outbox only), as the overview says; -1 for no such peer. */
    @SuppressWarnings("unchecked")
    int queuedFor(String peer) {
        List<Map<String, Object>> peers = (List<Map<String, Object>>) overview().get("peers");
        return peers.stream().filter(p -> peer.equals(p.get("domain")))
                .mapToInt(p -> ((Number) p.get("queued")).intValue()).findFirst().orElse(-1);
    }

    private static SSLContext testCa() {
        try (InputStream in = Files.newInputStream(Path.of(ItEnv.tls("truststore.p12")))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("test CA not readable (mvn verify generates target/tls)", e);
        }
    }
}
