package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests that are not SSP get a specific HTTP status, and the server goes on federating afterwards. */
@ExtendWith(ArquillianExtension.class)
class BadRequestsIT {
    private static final String SSP_TYPE = "application/vnd.wv.ssp+xml";
    private static final int MAX_BODY = 8 * 1024;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI beta = ItEnv.ssp("beta");

    @Deployment(name = "alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp("beta").toString()));
    }

    @Deployment(name = "beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", ItEnv.ssp("alpha").toString()).set("maxBodyBytes", MAX_BODY));
    }

    @AfterEach
    void serverStillFederates() {
        var reply = new ReferenceApi("alpha").sendMessage("alice", "wv:bob@beta.test", "still there?");
        assertEquals(200, ReferenceApi.statusCode(reply), "after a bad request: " + reply);
    }

    @Test
    void getIsAnswered405WithAllowPost() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(beta).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void wrongOrMissingContentTypeIsAnswered415() throws Exception {
        assertEquals(415, post("text/xml", "<WV-SSP-Message/>", null).statusCode());
        assertEquals(415, post("application/json", "{}", null).statusCode());
    }

    @Test
    void sspContentTypeWithCharsetParameterIsAccepted() throws Exception {
        var r = post(SSP_TYPE + "; charset=UTF-8", setupM1("tcs_1", "stranger.test"), "tcs_1");
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void bodyOverTheBoundIsAnswered413WhetherDeclaredOrChunked() throws Exception {
        String big = "<WV-SSP-Message>" + " ".repeat(MAX_BODY) + "</WV-SSP-Message>";
        assertEquals(413, post(SSP_TYPE, big, null).statusCode());
        // chunked: no Content-Length, the bound is enforced while reading
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), beta.getPort())) {
            s.setSoTimeout(10_000);
            var out = s.getOutputStream();
            out.write(("POST " + beta.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + SSP_TYPE
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(4096).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 4; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before it read everything; the answer is what counts
            }
            assertEquals(413, ProbePeer.readReply(s.getInputStream()).status());
        }
    }

    @Test
    void chunkedBodyWithinTheBoundIsAccepted() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), beta.getPort())) {
            s.setSoTimeout(10_000);
            byte[] body = setupM1("tch_1", "stranger.test").getBytes(StandardCharsets.UTF_8);
            var out = s.getOutputStream();
            out.write(("POST " + beta.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + SSP_TYPE
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int half = body.length / 2;
            out.write((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.write(("\r\n" + Integer.toHexString(body.length - half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, half, body.length - half);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var reply = ProbePeer.readReply(s.getInputStream());
            assertEquals(200, reply.status(), reply.body());
            assertEquals(0, reply.contentLength());
        }
    }

    @Test
    void malformedXmlDoctypeAndForeignRootAreAnswered400() throws Exception {
        assertEquals(400, post(SSP_TYPE, "<WV-SSP-Message><Session", "t_bad1").statusCode());
        assertEquals(400, post(SSP_TYPE, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<WV-SSP-Message>&e;</WV-SSP-Message>", "t_bad2").statusCode());
        HttpResponse<String> foreign = post(SSP_TYPE, "<html/>", "t_bad3");
        assertEquals(400, foreign.statusCode());
        assertTrue(foreign.body().contains("WV-SSP-Message"), foreign.body());
        assertTrue(!foreign.body().contains("Exception"), "no stack trace to the peer: " + foreign.body());
    }

    @Test
    void headerValueOutsideTheIdGrammarIsAnswered400() throws Exception {
        assertEquals(400, post(SSP_TYPE, setupM1("x", "alpha.test"), "has space").statusCode());
        assertEquals(400, post(SSP_TYPE, setupM1("x", "alpha.test"), "x".repeat(200)).statusCode());
    }

    private HttpResponse<String> post(String contentType, String body, String txn) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(beta).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (txn != null) {
            b.header("x-wv-transactionid", txn);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String setupM1(String txn, String domain) {
        return "<WV-SSP-Message xmlns=\"http://www.openmobilealliance.org/DTD/WV-SSP1.3\">"
                + "<SetupTransaction mode=\"Request\" transactionID=\"" + txn + "\">"
                + "<SendSecretToken serviceID=\"wv:@" + domain + "\"><SecretToken>00</SecretToken></SendSecretToken>"
                + "</SetupTransaction></WV-SSP-Message>";
    }
}
