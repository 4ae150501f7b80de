package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.SendSecretToken;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.SspMessage;
import org.openimps.ssp.wire.XmlLimits;

/**
 * Spec 5.5: redirection only on the first SendSecretToken. alpha's configured URL for beta.test is a front
 * that redirects setups to the node "beta"; a 3xx on any later POST is an error, never followed.
 */
@ExtendWith(ArquillianExtension.class)
class RedirectIT {
    @Deployment(name = "front", testable = false, order = 1)
    static WebArchive front() {
        return Deployments.domain("front", new Deployments.Config("beta.test")
                .set("redirectSetupTo", ItEnv.ssp("beta").toString()));
    }

    @Deployment(name = "beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", ItEnv.ssp("alpha").toString())
                .peer(ProbePeer.DOMAIN, ProbePeer.url(), "retryMinMillis", 300, "retryMaxSeconds", 1)
                .set("deliveryExpirySeconds", 3));
    }

    @Deployment(name = "alpha", testable = false, order = 3)
    static WebArchive alpha() {
        return Deployments.domain("alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp("front").toString()));
    }

    @Test
    void frontAnswersASendSecretTokenWith307ToTheNode() throws IOException {
        byte[] m1 = new SspCodec(XmlLimits.DEFAULT).encode(SspMessage.setup(Mode.REQUEST, "r1",
                new SendSecretToken("wv:@alpha.test", "00112233445566778899aabbccddeeff")));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ItEnv.httpPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /front/ssp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + "application/vnd.wv.ssp+xml\r\nx-wv-transactionid: r1\r\nContent-Length: " + m1.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(m1);
            var reply = ProbePeer.readReply(s.getInputStream());
            assertEquals(307, reply.status());
            assertEquals(0, reply.contentLength());
        }
    }

    @Test
    void senderFollowsTheRedirectOfItsFirstSendSecretTokenAndFederatesWithThatNode() {
        String text = "via the front " + UUID.randomUUID();
        var reply = new ReferenceApi("alpha").sendMessage("alice", "wv:bob@beta.test", text);
        assertEquals(200, ReferenceApi.statusCode(reply), reply.toString());
        assertTrue(new ReferenceApi("beta").inbox("bob").stream().anyMatch(m -> text.equals(m.get("text"))));
        assertTrue(((List<?>) new ReferenceApi("front").status().get("sessions")).isEmpty(), "the front holds no session");
    }

    @Test
    @SuppressWarnings("unchecked")
    void redirectOnAPostAfterSetupIsAFailedAttemptNeverFollowed() throws Exception {
        try (ProbePeer probe = new ProbePeer(ItEnv.ssp("beta"))) {
            probe.redirectSessionPosts();
            Map<String, Object> reply = new ReferenceApi("beta").fetchPresence("wv:tester@" + ProbePeer.DOMAIN);
            // each attempt is a failure that is retried until deliveryExpirySeconds, then given up: 410, Unable to
            // deliver, with the last error (the peer's service did not take the POST: 503)
            assertEquals(410, ReferenceApi.statusCode(reply), reply.toString());
            String description = (String) ((Map<String, Object>) reply.get("status")).get("description");
            assertTrue(description.contains("307") && description.contains("first SendSecretToken")
                    && description.contains("(503)"), description);
            Matcher attempts = Pattern.compile("after (\\d+) attempt").matcher(description);
            assertTrue(attempts.find(), description);
            assertEquals(Integer.parseInt(attempts.group(1)), probe.redirectsAnswered(),
                    "one 307 per attempt: none was followed");
        }
    }
}
