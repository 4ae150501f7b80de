package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.testing.TestDnsServer;

/**
 * S-003 on the server's HTTPS listener, configured by the build with deploy/ scripts (test CA, server
 * certificate for 127.0.0.1, client certificates requested). alpha and beta trust the test CA and require each
 * other's client certificate; gamma presents alpha's certificate; delta trusts only the JVM's CAs; epsilon
 * requires TLS of a peer whose SRV target speaks plain HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class HttpsIT {
    private static final TestDnsServer DNS = TestDnsServer.start();
    /** epsilon's view of beta: an SRV target that relays to the server's plain HTTP port. */
    private static final CountingProxy PLAIN_ONLY = new CountingProxy(ItEnv.httpPort());
    private static final String PASSWORD = "changeit";

    private final ReferenceApi alpha = new ReferenceApi("tls-alpha");
    private final ReferenceApi beta = new ReferenceApi("tls-beta");
    private final ReferenceApi gamma = new ReferenceApi("tls-gamma");
    private final ReferenceApi delta = new ReferenceApi("tls-delta");
    private final ReferenceApi epsilon = new ReferenceApi("tls-epsilon");

    @Deployment(name = "tls-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("tls-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.sspTls("tls-beta").toString(), tlsPeer("alpha.test.p12")));
    }

    @Deployment(name = "tls-beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("tls-beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", ItEnv.sspTls("tls-alpha").toString(), tlsPeer("beta.test.p12"))
                .peer("gamma.test", ItEnv.sspTls("tls-gamma").toString(), tlsPeer("beta.test.p12"))
                .peer("delta.test", ItEnv.sspTls("tls-delta").toString(), tlsPeer("beta.test.p12")));
    }

    @Deployment(name = "tls-gamma", testable = false, order = 3)
    static WebArchive gamma() {
        // a client certificate for alpha.test: the wrong domain for gamma
        return Deployments.domain("tls-gamma", new Deployments.Config("gamma.test", "gil")
                .peer("beta.test", ItEnv.sspTls("tls-beta").toString(), tlsPeer("alpha.test.p12"))
                .set("handshakeTimeoutSeconds", 2).giveUpAfter(3));
    }

    @Deployment(name = "tls-delta", testable = false, order = 4)
    static WebArchive delta() {
        return Deployments.domain("tls-delta", new Deployments.Config("delta.test", "dan")
                .peer("beta.test", ItEnv.sspTls("tls-beta").toString(), "tls", "REQUIRED").giveUpAfter(2));
    }

    @Deployment(name = "tls-epsilon", testable = false, order = 5)
    static WebArchive epsilon() {
        DNS.srv("beta.test", 10, 0, PLAIN_ONLY.port(), "plain.beta.test", 60).a("plain.beta.test", "127.0.0.1", 60);
        return Deployments.domain("tls-epsilon", new Deployments.Config("epsilon.test", "eve")
                .peer("beta.test", null, "tls", "REQUIRED", "path", "/tls-beta/ssp")
                .set("dns", Map.of("servers", List.of(DNS.address()))).giveUpAfter(2));
    }

    @AfterAll
    static void stop() throws Exception {
        DNS.close();
        PLAIN_ONLY.close();
    }

    @Test
    void twoDomainsWithMutualTlsCompleteTheHandshakeAndAnImOverHttps() {
        Map<String, Object> reply = alpha.sendMessage("alice", "wv:bob@beta.test", "over TLS");
        assertEquals(200, ReferenceApi.statusCode(reply), reply.toString());
        assertTrue(beta.inbox("bob").stream().anyMatch(m -> "over TLS".equals(m.get("text"))));
        assertEquals(200, ReferenceApi.statusCode(beta.sendMessage("bob", "wv:alice@alpha.test", "and back")));
    }

    @Test
    void aPeerWhoseCertificateWeDoNotTrustIsRefusedWithItsNameInTheError() {
        Map<String, Object> reply = delta.sendMessage("dan", "wv:bob@beta.test", "untrusted");
        assertEquals(410, ReferenceApi.statusCode(reply), reply.toString());
        assertTrue(description(reply).contains("TLS handshake with beta.test"), description(reply));
        assertTrue(beta.inbox("bob").stream().noneMatch(m -> "untrusted".equals(m.get("text"))));
    }

    @Test
    void aClientCertificateForAnotherDomainGetsNoSession() {
        Map<String, Object> reply = gamma.sendMessage("gil", "wv:bob@beta.test", "not who I say");
        assertEquals(410, ReferenceApi.statusCode(reply), reply.toString());
        assertTrue(sessionsWith(beta, "gamma.test").isEmpty(), "beta refused gamma's M1");
        assertTrue(beta.inbox("bob").stream().noneMatch(m -> "not who I say".equals(m.get("text"))));
    }

    @Test
    void tlsRequiredNeverFallsBackToHttp() {
        Map<String, Object> reply = epsilon.sendMessage("eve", "wv:bob@beta.test", "plain?");
        assertEquals(410, ReferenceApi.statusCode(reply), reply.toString());
        Matcher attempts = Pattern.compile("after (\\d+) attempt").matcher(description(reply));
        assertTrue(attempts.find(), description(reply));
        assertEquals(Integer.parseInt(attempts.group(1)), PLAIN_ONLY.attempts(),
                "one https attempt at the SRV target per delivery attempt, never an http one");
        assertTrue(description(reply).contains("https://plain.beta.test"), description(reply));
    }

    @SuppressWarnings("unchecked")
    private static String description(Map<String, Object> reply) {
        return String.valueOf(((Map<String, Object>) reply.get("status")).get("description"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sessionsWith(ReferenceApi api, String domain) {
        return ((List<Map<String, Object>>) api.status().get("sessions")).stream()
                .filter(s -> domain.equals(s.get("peer"))).toList();
    }

    /** HTTPS required, the test CA trusted, this client certificate presented, the peer's one required. */
    private static Object[] tlsPeer(String clientStore) {
        return new Object[] {"tls", "REQUIRED", "trustStore", ItEnv.tls("truststore.p12"), "trustStorePassword", PASSWORD,
                "keyStore", ItEnv.tls(clientStore), "keyStorePassword", PASSWORD, "mutualTls", true};
    }
}
