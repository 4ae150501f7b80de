package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.testing.TestDnsServer;

/**
 * "Check a domain" through the admin API, from alpha.test against: beta.test (healthy: every step passes; behind a
 * front that redirects its setups, as S-011 allows; behind a front that closes every connection), a peer whose TLS
 * certificate names another host (found by SRV at a name the certificate lacks), one whose SRV record points at a
 * host with no address, one in front of which a proxy answers only the first of pipelined requests, and a probe
 * peer that answers our M3 with a wrong digest, or redirects our M3 against S-011, or starts a session itself
 * while a check waits for it. Each report names the failing step and why.
 */
@ExtendWith(ArquillianExtension.class)
class FederationCheckIT {
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final TestDnsServer DNS = TestDnsServer.start();
    private static final FrontPeer FIRST_ONLY = front("fc-gamma", FrontPeer.Habit.ANSWERS_FIRST_OF_PIPELINED);
    private static final FrontPeer CLOSING = front("fc-beta", FrontPeer.Habit.CLOSES_EACH_CONNECTION);
    private static final ProbePeer PROBE = probe();
    private final OperatorClient alphaOps = new OperatorClient("fc-alpha");

    @Deployment(name = "fc-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        DNS.srv("wrongname.test", 0, 0, ItEnv.httpsPort(), "other-name.test", 60).a("other-name.test", "127.0.0.1", 60)
                .srv("nowhere.test", 0, 0, ItEnv.httpPort(), "gone.nowhere.test", 60);
        return Deployments.domain("fc-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp("fc-beta").toString())
                .peer("gamma.test", FIRST_ONLY.url(), "pipelineStallMillis", 500)
                .peer(ProbePeer.DOMAIN, ProbePeer.url())
                .peer("wrongname.test", null, "tls", "REQUIRED", "trustStore", ItEnv.tls("truststore.p12"),
                        "trustStorePassword", "changeit")
                .peer("nowhere.test", null)
                .set("dns", Map.of("servers", List.of(DNS.address()))));
    }

    @Deployment(name = "fc-beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("fc-beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", ItEnv.ssp("fc-alpha").toString()));
    }

    @Deployment(name = "fc-gamma", testable = false, order = 3)
    static WebArchive gamma() {
        return Deployments.domain("fc-gamma", new Deployments.Config("gamma.test", "carol")
                .peer("alpha.test", ItEnv.ssp("fc-alpha").toString()));
    }

    /** In front of beta: answers a SendSecretToken with 307 to beta (as a load balancer may, S-011). */
    @Deployment(name = "fc-front", testable = false, order = 4)
    static WebArchive front() {
        return Deployments.domain("fc-front", new Deployments.Config("beta.test")
                .set("redirectSetupTo", ItEnv.ssp("fc-beta").toString()));
    }

    @AfterAll
    static void stopFakes() throws Exception {
        FIRST_ONLY.close();
        CLOSING.close();
        PROBE.close();
        DNS.close();
    }

    @Test
    void aHealthyPeerPassesEveryStepWithItsSessionAndARoundTrip() {
        Map<String, Object> report = check("{\"domain\":\"beta.test\",\"user\":\"bob\"}");
        assertEquals("PASS", report.get("verdict"), JSON.toJson(report));
        for (String step : List.of("Discovery", "Reachability", "SSP session", "Transport", "Round trip")) {
            assertEquals("PASS", step(report, step).get("verdict"), step + ": " + JSON.toJson(step(report, step)));
        }
        String messages = String.join("\n", saw(step(report, "SSP session")));
        for (String m : List.of("M1 at", "M2 at", "M3 at", "M4 at", "M5 at", "M6 at")) {
            assertTrue(messages.contains(m), "each handshake message with its time: " + messages);
        }
        assertTrue(messages.contains("M4 at") && messages.contains("right digest"), messages);
        assertTrue(messages.contains("headers: x-wv-transactionid as in the body"), "S-012 headers seen: " + messages);
        assertTrue(messages.contains("posted to " + ItEnv.ssp("fc-alpha")), "beta's M2 found us there: " + messages);
        String transport = String.join("\n", saw(step(report, "Transport")));
        assertTrue(transport.contains("0 with Connection: close; the connection stayed open"), transport);
        assertTrue(messages.contains("redirect: none"), messages);
    }

    @Test
    void aSetupRedirectedAtM1IsFollowedAndJudgedAllowedByS011() {
        Map<String, Object> report = check("{\"domain\":\"beta.test\",\"url\":\"" + ItEnv.ssp("fc-front") + "\"}");
        Map<String, Object> session = step(report, "SSP session");
        assertEquals("PASS", session.get("verdict"), JSON.toJson(report));
        String messages = String.join("\n", saw(session));
        assertTrue(messages.contains("was redirected to " + ItEnv.ssp("fc-beta") + "; S-011 allows"), messages);
        assertTrue(messages.contains("taken at " + ItEnv.ssp("fc-beta")), "M1 followed the 307: " + messages);
    }

    @Test
    void aPeerThatRedirectsOurM3BreaksS011AndFailsTheSessionStep() {
        Map<String, Object> session = failedSessionWithProbe(PROBE::redirectLaterSetupPosts);
        assertTrue(String.valueOf(session.get("summary")).contains("HTTP 307")
                && String.valueOf(session.get("summary")).contains("S-011"), JSON.toJson(session));
        assertTrue(String.valueOf(session.get("advice")).contains("redirect only that one"), JSON.toJson(session));
        assertTrue(PROBE.redirectsAnswered() > 0);
    }

    @Test
    void aPeerThatClosesEveryConnectionIsReportedWithoutKeepAliveInTheTransportStep() {
        Map<String, Object> report = check("{\"domain\":\"beta.test\",\"url\":\"" + CLOSING.url() + "\"}");
        assertEquals("PASS", step(report, "SSP session").get("verdict"), JSON.toJson(report));
        Map<String, Object> transport = step(report, "Transport");
        assertEquals("WARN", transport.get("verdict"), JSON.toJson(transport));
        assertTrue(String.valueOf(transport.get("summary")).contains("closes the connection (Connection: close on "),
                JSON.toJson(transport));
        assertTrue(String.valueOf(transport.get("advice")).contains("keep-alive"), JSON.toJson(transport));
    }

    @Test
    void aPeerThatStartsASessionWhileTheCheckWaitsIsTracedFromOurSide() throws Exception {
        CompletableFuture<Map<String, Object>> waiting = CompletableFuture.supplyAsync(() -> check(
                "{\"domain\":\"" + ProbePeer.DOMAIN + "\",\"initiator\":\"peer\",\"waitSeconds\":30}"));
        // the probe starts sessions until the check has seen one: the first may come before the check listens
        for (int i = 0; i < 20 && !waiting.isDone(); i++) {
            PROBE.forgetReceived();
            PROBE.establishSession();
            try {
                waiting.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // not yet
            }
        }
        Map<String, Object> report = waiting.get(60, TimeUnit.SECONDS);
        Map<String, Object> session = step(report, "SSP session");
        assertEquals("PASS", session.get("verdict"), JSON.toJson(report));
        assertTrue(String.valueOf(session.get("summary")).contains("it initiated"), JSON.toJson(session));
        String messages = String.join("\n", saw(session));
        for (String m : List.of("M1 at", "M2 at", "M3 at", "M4 at", "M5 at", "M6 at")) {
            assertTrue(messages.contains(m), "each handshake message with its time: " + messages);
        }
        assertTrue(messages.contains("serviceID wv:@" + ProbePeer.DOMAIN), messages);
        assertTrue(messages.contains("posted to " + ItEnv.ssp("fc-alpha") + " from 127.0.0.1"), messages);
        assertTrue(messages.contains("M3 at") && messages.contains("right digest of our secret"), messages);
        assertTrue(messages.contains("their session id probe_session_1"), messages);
        assertEquals("SKIPPED", step(report, "Transport").get("verdict"), "our requests are the other check's");

        // the probe holds that session now and starts no other: it reached us, so a warning, not a failure
        Map<String, Object> again = step(check("{\"domain\":\"" + ProbePeer.DOMAIN + "\",\"initiator\":\"peer\","
                + "\"waitSeconds\":1}"), "SSP session");
        assertEquals("WARN", again.get("verdict"), JSON.toJson(again));
        assertTrue(String.valueOf(again.get("summary")).contains("it holds a session with us already"), JSON.toJson(again));
    }

    @Test
    void aPeerThatDoesNotStartASessionFailsTheWaitWithAdvice() {
        Map<String, Object> report = check("{\"domain\":\"nowhere-to-wait.test\",\"url\":\"" + ItEnv.ssp("fc-beta")
                + "\",\"initiator\":\"peer\",\"waitSeconds\":2}");
        Map<String, Object> session = step(report, "SSP session");
        assertEquals("FAIL", session.get("verdict"), JSON.toJson(report));
        assertTrue(String.valueOf(session.get("summary")).contains("did not start a session establishment within 2 s"),
                JSON.toJson(session));
        assertTrue(String.valueOf(session.get("advice")).contains("send a message to a user here"), JSON.toJson(session));
        assertEquals(400, alphaOps.postJson("api/admin/check", "{\"domain\":\"beta.test\",\"initiator\":\"both\"}",
                OperatorClient.user(), OperatorClient.password()).statusCode());
        assertEquals(400, alphaOps.postJson("api/admin/check", "{\"domain\":\"beta.test\",\"waitSeconds\":600}",
                OperatorClient.user(), OperatorClient.password()).statusCode());
    }

    @Test
    void aCertificateThatNamesAnotherHostFailsReachabilityWithTheNameAndTheChain() {
        Map<String, Object> report = check("{\"domain\":\"wrongname.test\"}");
        Map<String, Object> reach = step(report, "Reachability");
        assertEquals("FAIL", reach.get("verdict"), JSON.toJson(report));
        assertTrue(String.valueOf(reach.get("summary")).contains("does not name other-name.test"), JSON.toJson(reach));
        assertTrue(String.join("\n", saw(reach)).contains("CN=localhost"), "the chain it presented: " + JSON.toJson(reach));
        assertEquals("SKIPPED", step(report, "SSP session").get("verdict"));
    }

    @Test
    void anSrvRecordPointingAtAHostWithoutAddressFailsReachability() {
        Map<String, Object> report = check("{\"domain\":\"nowhere.test\"}");
        assertEquals("PASS", step(report, "Discovery").get("verdict"), JSON.toJson(report));
        assertTrue(String.join("\n", saw(step(report, "Discovery"))).contains("gone.nowhere.test"), JSON.toJson(report));
        Map<String, Object> reach = step(report, "Reachability");
        assertEquals("FAIL", reach.get("verdict"));
        assertTrue(String.valueOf(reach.get("summary")).contains("gone.nowhere.test resolves to no address"),
                JSON.toJson(reach));
    }

    @Test
    void aPeerThatRefusesPipeliningIsReportedStopAndWaitInTheTransportStep() {
        Map<String, Object> report = check("{\"domain\":\"gamma.test\"}");
        assertEquals("PASS", step(report, "SSP session").get("verdict"), JSON.toJson(report));
        Map<String, Object> transport = step(report, "Transport");
        assertEquals("WARN", transport.get("verdict"), JSON.toJson(transport));
        assertTrue(String.valueOf(transport.get("summary")).contains("does not take pipelined requests"),
                JSON.toJson(transport));
        assertEquals("WARN", report.get("verdict"));
    }

    @Test
    void aPeerThatAnswersOurM3WithAWrongDigestFailsTheSessionStepAtM4() {
        Map<String, Object> session = failedSessionWithProbe(PROBE::answerWithWrongDigest);
        assertTrue(String.valueOf(session.get("summary")).contains("wrong password digest in M4"), JSON.toJson(session));
        assertTrue(String.join("\n", saw(session)).contains("does not match our secret"), JSON.toJson(session));
    }

    /** Checks the probe peer while it has a bad habit; returns the session step, which failed and skipped the rest. */
    private Map<String, Object> failedSessionWithProbe(Runnable habit) {
        habit.run();
        try {
            Map<String, Object> report = check("{\"domain\":\"" + ProbePeer.DOMAIN + "\"}");
            Map<String, Object> session = step(report, "SSP session");
            assertEquals("FAIL", session.get("verdict"), JSON.toJson(report));
            assertEquals("SKIPPED", step(report, "Transport").get("verdict"));
            return session;
        } finally {
            PROBE.behave();
        }
    }

    @Test
    void theTextReportAndTheRulesOfTheApi() {
        HttpResponse<String> text = alphaOps.postJson("api/admin/check?format=text", "{\"domain\":\"nowhere.test\"}",
                OperatorClient.user(), OperatorClient.password());
        assertEquals(200, text.statusCode(), text.body());
        assertTrue(text.body().startsWith("Federation check of nowhere.test from alpha.test"), text.body());
        assertTrue(text.body().contains("FAIL  Reachability"), text.body());
        assertEquals(401, alphaOps.postJson("api/admin/check", "{\"domain\":\"beta.test\"}", null, null).statusCode());
        assertEquals(400, alphaOps.postJson("api/admin/check", "{}", OperatorClient.user(), OperatorClient.password())
                .statusCode());
        Map<String, Object> notAPeer = check("{\"domain\":\"stranger.test\"}");
        assertEquals("FAIL", step(notAPeer, "Discovery").get("verdict"));
        assertTrue(String.valueOf(step(notAPeer, "Discovery").get("summary")).contains("not a peer"), JSON.toJson(notAPeer));
        assertEquals(List.of("SKIPPED"), List.of("Reachability", "SSP session", "Transport", "Round trip").stream()
                .map(name -> String.valueOf(step(notAPeer, name).get("verdict"))).distinct().toList(), "every later step");
    }

    @Test
    void theShellCommandPrintsTheReportAndExitsWithTheVerdict() throws Exception {
        assertEquals(0, shell("beta.test", "bob"), "healthy: exit 0");
        assertEquals(1, shell("nowhere.test", ""), "a failed step: exit 1");
        assertEquals(1, shell("--peer-initiates", "1", "beta.test"), "beta does not start a session within 1 s: exit 1");
    }

    /** Runs deploy/check-domain.sh against alpha, as an operator would; returns its exit status. */
    private static int shell(String domain, String user) throws Exception {
        return shell(null, null, domain, user);
    }

    private static int shell(String option, String optionValue, String domain, String... user) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "deploy/check-domain.sh"));
        if (option != null) {
            command.addAll(List.of(option, optionValue));
        }
        command.add("https://127.0.0.1:" + ItEnv.httpsPort() + "/fc-alpha");
        command.add(domain);
        command.addAll(List.of(user));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("SSP_ADMIN_USER", OperatorClient.user(), "SSP_ADMIN_PASSWORD",
                OperatorClient.password(), "SSP_CA", ItEnv.tls("ca.pem")));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(150, java.util.concurrent.TimeUnit.SECONDS), "the script ends: " + output);
        assertTrue(output.startsWith("Federation check of " + domain + " from alpha.test"), output);
        return process.exitValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> check(String json) {
        HttpResponse<String> answer = alphaOps.postJson("api/admin/check", json, OperatorClient.user(),
                OperatorClient.password());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.fromJson(answer.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> step(Map<String, Object> report, String name) {
        return ((List<Map<String, Object>>) report.get("steps")).stream().filter(s -> name.equals(s.get("step")))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name + " in " + JSON.toJson(report)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> saw(Map<String, Object> step) {
        return (List<String>) step.get("saw");
    }

    private static FrontPeer front(String deployment, FrontPeer.Habit habit) {
        try {
            return new FrontPeer(ItEnv.ssp(deployment), habit);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ProbePeer probe() {
        try {
            return new ProbePeer(ItEnv.ssp("fc-alpha"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
