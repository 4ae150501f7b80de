package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.example.CspHost;
import org.openimps.ssp.example.CspServlet;

/** The worked example of docs/host-integration.md, deployed as a host would: its own ImpsHost and CSP servlet. */
@ExtendWith(ArquillianExtension.class)
class HostIntegrationIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(name = "host-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("host-alpha", new Deployments.Config("alpha.test")
                .peer("beta.test", ItEnv.ssp("host-beta").toString()), CspHost.class, CspServlet.class);
    }

    @Deployment(name = "host-beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("host-beta", new Deployments.Config("beta.test")
                .peer("alpha.test", ItEnv.ssp("host-alpha").toString()), CspHost.class, CspServlet.class);
    }

    @Test
    void aHostsCspServletSendsThroughFederationAndTheOtherHostsImpsHostReceives() throws Exception {
        String text = "via the host SPI " + UUID.randomUUID();
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(ItEnv.base("host-alpha").resolve("csp/send?from="
                        + enc("wv:alice@alpha.test") + "&to=" + enc("wv:bob@beta.test") + "&text=" + enc(text)))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("200 Successfully completed", sent.body());
        String received = HTTP.send(HttpRequest.newBuilder(ItEnv.base("host-beta").resolve("csp/received")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(received.contains("alpha.test wv:alice@alpha.test: " + text), received);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
