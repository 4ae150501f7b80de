package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openimps.ssp.config.SecretEncoding;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.session.Secrets;
import org.openimps.ssp.wire.LoginRequest;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.SendSecretToken;
import org.openimps.ssp.wire.SspMessage;
import org.openimps.ssp.wire.Transaction;

/**
 * The bad-input corpus (src/test/resources/corpus, at least 100 cases): each case is sent to beta as a peer
 * would, gets its expected HTTP status and SSP answer (or none), and after each one the server must still
 * federate: the probe's session carries a message and its response. The table of outcomes is written to
 * target/corpus-&lt;server&gt;.md (docs/reliability.md shows it).
 */
@ExtendWith(ArquillianExtension.class)
class BadInputCorpusIT {
    private static final Duration NO_ANSWER_WAIT = Duration.ofMillis(900);
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);

    /** Transaction ids differ per run: the dedupe records of an earlier run on the same server must not answer. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final ReferenceApi beta = new ReferenceApi("corpus");
    private int healthChecks;

    @Deployment(name = "corpus", testable = false)
    static WebArchive beta() {
        return Deployments.domain("corpus", new Deployments.Config("beta.test", "bob")
                .peer(ProbePeer.DOMAIN, ProbePeer.url(), "retryMinMillis", 200, "retryMaxSeconds", 1)
                .set("bodyTimeoutMillis", 2000)
                .set("earlyMessageGraceMillis", 300));
    }

    @Test
    void everyCaseGetsItsExpectedOutcomeAndTheServerStaysHealthyAfterEach() throws Exception {
        List<BadInputCorpus.Case> cases = BadInputCorpus.cases();
        assertTrue(cases.size() >= 100, "corpus has " + cases.size() + " cases");
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder("| # | case | category | expected | got | healthy after |\n|---|---|---|---|---|---|\n");
        try (ProbePeer probe = new ProbePeer(ItEnv.ssp("corpus"))) {
            probe.establishSession();
            int n = 0;
            for (BadInputCorpus.Case c : cases) {
                n++;
                String got;
                try {
                    got = run(probe, c);
                } catch (AssertionError | IOException e) {
                    got = "error: " + e.getMessage();
                }
                boolean healthy = healthy(probe, n);
                boolean ok = got.equals(c.expected()) && healthy;
                table.append("| ").append(n).append(" | ").append(c.id).append(" | ").append(c.category).append(" | ")
                        .append(c.expected()).append(" | ").append(got.replace("|", "/")).append(" | ")
                        .append(healthy ? "yes" : "**no**").append(" |\n");
                if (!ok) {
                    failures.add(c.id + ": expected " + c.expected() + ", got " + got + (healthy ? "" : ", server unhealthy after"));
                }
            }
        } finally {
            Files.writeString(Path.of("target", "corpus-" + ItEnv.server() + ".md"), table, StandardCharsets.UTF_8);
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases failed:\n" + String.join("\n", failures));
    }

    /** Sends one case; returns the outcome in the form of {@link BadInputCorpus.Case#expected()}. */
    private String run(ProbePeer probe, BadInputCorpus.Case c) throws Exception {
        if (c.txn != null && c.txn.matches("[A-Za-z0-9_-]+")) {
            c.txn = c.txn + "_" + run;
        }
        if (c.special != null) {
            return switch (c.special) {
                case "replay" -> replay(probe, c, false);
                case "forged" -> replay(probe, c, true);
                case "wrongDigest" -> wrongDigest(probe, c);
                case "redirectAfterSetup" -> redirectAfterSetup(probe, c);
                default -> throw new IllegalArgumentException(c.special);
            };
        }
        Map<String, String> values = values(probe, c, "corpus " + c.id + " " + System.nanoTime());
        Map<String, String> headers = new HashMap<>();
        c.headers.forEach((k, v) -> headers.put(k, fill(v, values)));
        int setupsBefore = setupMessages(probe);
        int http = RawHttp.send(ItEnv.ssp("corpus"), c.method, c.contentTypeHeader(), headers,
                BadInputCorpus.body(c, values), c.transfer, c.declaredLength);
        return "HTTP " + http + sspOutcome(probe, c, setupsBefore);
    }

    private String sspOutcome(ProbePeer probe, BadInputCorpus.Case c, int setupsBefore) throws InterruptedException {
        if (c.expectSsp == null) {
            return "";
        }
        if (c.expectSsp == 0) {
            Thread.sleep(NO_ANSWER_WAIT.toMillis());
            boolean answered = probe.responseTo(c.txn).isPresent() || setupMessages(probe) > setupsBefore;
            return answered ? ", an SSP answer" : ", no SSP answer";
        }
        return ", SSP " + statusOf(probe.awaitResponse(c.txn, ANSWER_WAIT), c.txn);
    }

    /**
     * The same transaction id twice in the session: the same message again (a resend: the stored answer, one
     * delivery) or another message (forged: refused, never delivered). Returns the second answer's status.
     */
    private String replay(ProbePeer probe, BadInputCorpus.Case c, boolean forged) throws Exception {
        String first = "replay " + c.id + " " + System.nanoTime();
        String second = forged ? "forged " + c.id + " " + System.nanoTime() : first;
        probe.postRaw(fill(c, probe, first), Map.of("x-wv-transactionid", c.txn, "x-wv-sessionid", probe.ourSessionId()));
        int firstStatus = statusOf(probe.awaitResponse(c.txn, ANSWER_WAIT), c.txn);
        probe.postRaw(fill(c, probe, second), Map.of("x-wv-transactionid", c.txn, "x-wv-sessionid", probe.ourSessionId()));
        await(() -> responsesTo(probe, c.txn).size() >= 2, "the second answer to " + c.txn);
        int secondStatus = statusOf(responsesTo(probe, c.txn).get(1), c.txn);
        List<Map<String, Object>> inbox = beta.inbox("bob");
        long firstDelivered = inbox.stream().filter(m -> first.equals(m.get("text"))).count();
        long secondDelivered = forged ? inbox.stream().filter(m -> second.equals(m.get("text"))).count() : 0;
        if (firstStatus != 200 || firstDelivered != 1 || secondDelivered != 0) {
            return "HTTP 200, first answer " + firstStatus + ", delivered " + firstDelivered + " time(s)"
                    + (forged ? ", forged delivered " + secondDelivered + " time(s)" : "");
        }
        return "HTTP 200, SSP " + secondStatus;
    }

    /** M1 from the probe, then an M3 with the digest of a secret the server never saw: no M4 may come. */
    private String wrongDigest(ProbePeer probe, BadInputCorpus.Case c) throws Exception {
        String txn = c.txn + System.nanoTime();
        probe.post(SspMessage.setup(Mode.REQUEST, txn, new SendSecretToken("wv:@" + ProbePeer.DOMAIN, new Secrets().newSecret(SecretEncoding.HEX))), txn, null);
        await(() -> setupMessages(probe, Mode.RESPONSE, SendSecretToken.class) > 0, "M2");
        probe.post(SspMessage.setup(Mode.REQUEST, txn, new LoginRequest("wv:@" + ProbePeer.DOMAIN, 3600,
                Secrets.digestOf("not the server's secret"))), txn, null);
        Thread.sleep(NO_ANSWER_WAIT.toMillis());
        boolean m4 = probe.received().stream().anyMatch(r -> r.message().getSetupTransaction() != null
                && txn.equals(r.message().getSetupTransaction().getTransactionId())
                && r.message().getSetupTransaction().getPrimitive() instanceof LoginRequest);
        return "HTTP 200" + (m4 ? ", an SSP answer" : ", no SSP answer");
    }

    /**
     * The peer answers a session POST with 307: it is not followed (nothing arrives at the Location), the
     * message stays queued, and goes out once the peer answers 200 again.
     */
    private String redirectAfterSetup(ProbePeer probe, BadInputCorpus.Case c) throws Exception {
        String text = "redirected " + System.nanoTime();
        probe.redirectSessionPosts();
        int before = probe.redirectsAnswered();
        beta.sendMessageAsync("bob", "wv:tester@" + ProbePeer.DOMAIN, text);
        await(() -> probe.redirectsAnswered() > before, "the 307");
        boolean followed = probe.received().stream().anyMatch(r -> containsText(r, text));
        probe.stopRedirecting();
        await(() -> probe.received().stream().anyMatch(r -> containsText(r, text)), "the message after the redirects stopped");
        return "HTTP 200" + (followed ? ", redirect followed" : ", no SSP answer");
    }

    /** A message in the probe's session and its 200 response: the server still federates. */
    private boolean healthy(ProbePeer probe, int n) {
        String txn = "health_" + run + "_" + n + "_" + (++healthChecks);
        try {
            probe.postRaw(fill(BadInputCorpus.cases().get(0), probe, txn, "health " + n),
                    Map.of("x-wv-transactionid", txn, "x-wv-sessionid", probe.ourSessionId()));
            return statusOf(probe.awaitResponse(txn, ANSWER_WAIT), txn) == 200;
        } catch (AssertionError | IOException | InterruptedException e) {
            return false;
        }
    }

    private String fill(BadInputCorpus.Case c, ProbePeer probe, String text) {
        return fill(c, probe, c.txn, text);
    }

    private static String fill(BadInputCorpus.Case c, ProbePeer probe, String txn, String text) {
        BadInputCorpus.Case valid = new BadInputCorpus.Case();
        valid.file = "valid-smr.xml";
        Map<String, String> values = Map.of("sid", probe.ourSessionId(), "theirSid", probe.theirSessionId(),
                "txn", txn, "text", text);
        return new String(BadInputCorpus.body(c.file != null && c.file.equals("valid-smr.xml") ? c : valid, values),
                StandardCharsets.UTF_8);
    }

    private static Map<String, String> values(ProbePeer probe, BadInputCorpus.Case c, String text) {
        return Map.of("sid", c.session ? probe.ourSessionId() : "nosession",
                "theirSid", c.session ? probe.theirSessionId() : "nosession",
                "txn", c.txn == null ? "corpus" : c.txn, "text", text);
    }

    private static String fill(String value, Map<String, String> values) {
        String out = value;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    private static int statusOf(ProbePeer.Received answer, String txn) {
        Transaction tx = answer.message().getSession().getTransactions().get(0);
        return new Reply.Answered(txn, tx.getPayload()).status().getCode();
    }

    private static List<ProbePeer.Received> responsesTo(ProbePeer probe, String txn) {
        return probe.received().stream().filter(r -> r.message().getSession() != null && r.message().getSession()
                .getTransactions().stream().anyMatch(t -> txn.equals(t.getTransactionId()))).toList();
    }

    private static int setupMessages(ProbePeer probe) {
        return (int) probe.received().stream().filter(r -> r.message().getSetupTransaction() != null).count();
    }

    private static int setupMessages(ProbePeer probe, Mode mode, Class<?> type) {
        return (int) probe.received().stream().filter(r -> r.message().getSetupTransaction() != null
                && r.message().getSetupTransaction().mode().orElse(null) == mode
                && type.isInstance(r.message().getSetupTransaction().getPrimitive())).count();
    }

    private static boolean containsText(ProbePeer.Received r, String text) {
        return r.message().getSession() != null && r.message().getSession().getTransactions().stream()
                .anyMatch(t -> t.getPayload() instanceof org.openimps.ssp.wire.SendMessageRequest m
                        && text.equals(m.getContentData()));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(ANSWER_WAIT);
        while (!condition.getAsBoolean()) {
            if (!Instant.now().isAfter(deadline)) {
                Thread.sleep(20);
            } else {
                throw new AssertionError("no " + what + " within " + ANSWER_WAIT);
            }
        }
    }
}
