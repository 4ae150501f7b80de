package org.openimps.ssp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SecretEncoding;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.testing.TestClock;
import org.openimps.ssp.wire.EncodedValue;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.config.TestConfigs;
import org.openimps.ssp.wire.LoginRequest;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.SendSecretToken;
import org.openimps.ssp.wire.SetupTransaction;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.SspMessage;
import org.openimps.ssp.wire.XmlLimits;

/** Two nodes whose setup messages travel through the real codec, delivered asynchronously in memory. */
class HandshakesTest {
    private final ExecutorService wire = Executors.newFixedThreadPool(4);
    private final SspCodec codec = new SspCodec(XmlLimits.DEFAULT);
    private final Node alpha = new Node("alpha.example", "beta.example");
    private final Node beta = new Node("beta.example", "alpha.example");

    /** What failed on the wire's threads, which an executor would otherwise swallow. */
    private final List<Throwable> wireFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Messages handed to the wire and not yet handled by their receiver. */
    private final AtomicInteger inFlight = new AtomicInteger();

    @AfterEach
    void stop() {
        wire.shutdownNow();
        assertEquals(List.of(), wireFailures, "failures on the wire's threads");
    }

    @Test
    void initiatorAndAcceptorEstablishOneSessionWithEachOthersIds() throws Exception {
        alpha.connect(beta);
        PeerSession mine = alpha.handshakes.requestorSession(alpha.peer()).get(5, TimeUnit.SECONDS);
        PeerSession theirs = beta.registry.current("alpha.example", Role.PROVIDER).orElseThrow();
        assertEquals(Role.REQUESTOR, mine.role());
        assertEquals(mine.ourSessionId(), theirs.theirSessionId());
        assertEquals(mine.theirSessionId(), theirs.ourSessionId());
        assertEquals(6, alpha.sent.get() + beta.sent.get());
        assertEquals(0, alpha.handshakes.inProgress() + beta.handshakes.inProgress());
    }

    @Test
    void eachSideSendsTheRestOfTheHandshakeAndItsSessionWhereItsFirstSecretTokenWasTaken() throws Exception {
        alpha.connect(beta);
        PeerSession mine = alpha.handshakes.requestorSession(alpha.peer()).get(5, TimeUnit.SECONDS);
        PeerSession theirs = beta.registry.current("alpha.example", Role.PROVIDER).orElseThrow();
        assertEquals(beta.nodeUrl(), mine.endpoint(), "alpha's M1 was taken at beta's node");
        assertEquals(alpha.nodeUrl(), theirs.endpoint(), "beta's M2 was taken at alpha's node");
        assertEquals(List.of(beta.nodeUrl(), beta.nodeUrl(), beta.nodeUrl()), beta.arrivedVia, "M1, M3, M5");
        assertEquals(List.of(alpha.nodeUrl(), alpha.nodeUrl(), alpha.nodeUrl()), alpha.arrivedVia, "M2, M4, M6");
    }

    /**
     * Senders keep asking while the handshake runs and after it ends, so that some ask just as it finishes: one
     * that found no session and claimed a handshake after the first had left must not start a second one.
     */
    @RepeatedTest(5)
    void concurrentSendersToADomainWithoutSessionShareOneHandshake() throws Exception {
        alpha.connect(beta);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Set<PeerSession>>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                all.add(CompletableFuture.supplyAsync(() -> askUntilEstablished(alpha), senders));
            }
            Set<PeerSession> sessions = new HashSet<>();
            for (CompletableFuture<Set<PeerSession>> sender : all) {
                sessions.addAll(sender.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, sessions.size());
            assertEquals(3, alpha.sent.get(), "one M1, M3 and M5");
        } finally {
            senders.shutdownNow();
        }
    }

    /** Asks for the session in a tight loop until 2,000 asks after the first that found it established (bounded). */
    private static Set<PeerSession> askUntilEstablished(Node node) {
        Set<PeerSession> seen = new HashSet<>();
        List<CompletableFuture<PeerSession>> pending = new ArrayList<>();
        int after = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (after < 2_000 && System.nanoTime() < deadline) {
            CompletableFuture<PeerSession> asked = node.handshakes.requestorSession(node.peer());
            if (asked.isDone()) {
                seen.add(asked.join());
                after++;
            } else if (pending.size() < 1_000) {
                pending.add(asked);
            }
        }
        pending.forEach(p -> seen.add(p.orTimeout(5, TimeUnit.SECONDS).join()));
        return seen;
    }

    @Test
    void bothSidesCanInitiateAndHoldTwoSessions() throws Exception {
        alpha.connect(beta);
        PeerSession a = alpha.handshakes.requestorSession(alpha.peer()).get(5, TimeUnit.SECONDS);
        PeerSession b = beta.handshakes.requestorSession(beta.peer()).get(5, TimeUnit.SECONDS);
        assertEquals(2, alpha.registry.all().size());
        assertEquals(2, beta.registry.all().size());
        assertTrue(!a.ourSessionId().equals(b.theirSessionId()));
    }

    @Test
    void aCheckMakesANewSessionBesideALiveOneAndReportsEachMessageInOrder() throws Exception {
        alpha.connect(beta);
        PeerSession live = alpha.handshakes.requestorSession(alpha.peer()).get(5, TimeUnit.SECONDS);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        PeerSession checked = alpha.handshakes.checkSession(alpha.peer(), (message, detail) -> seen.add(message + " " + detail))
                .get(5, TimeUnit.SECONDS);
        assertTrue(!checked.ourSessionId().equals(live.ourSessionId()), "a handshake of its own");
        assertEquals(List.of("M1", "M2", "M3", "M4", "M5", "M6"), seen.stream().map(l -> l.substring(0, 2)).toList(),
                seen.toString());
        assertTrue(seen.get(1).contains(", hex"), seen.get(1));
        assertTrue(seen.get(3).contains("right digest"), seen.get(3));
        assertTrue(seen.get(5).contains(checked.theirSessionId()), seen.get(5));
    }

    @Test
    void aWatchHearsTheHandshakeThePeerStartsFromOurSideAndGetsItsSession() throws Exception {
        alpha.connect(beta);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        AcceptanceWatch watch = alpha.handshakes.watchAcceptance("BETA.example", (m, detail) -> seen.add(m + " " + detail))
                .orElseThrow();
        assertTrue(alpha.handshakes.watchAcceptance("beta.example", HandshakeTrace.NONE).isEmpty(), "one watch a peer");
        PeerSession theirs = beta.handshakes.requestorSession(beta.peer()).get(5, TimeUnit.SECONDS);
        PeerSession ours = watch.result().get(5, TimeUnit.SECONDS);
        assertEquals(Role.PROVIDER, ours.role());
        assertEquals(theirs.ourSessionId(), ours.theirSessionId());
        assertEquals(List.of("M1", "M2", "M3", "M4", "M5", "M6"), seen.stream().map(l -> l.substring(0, 2)).toList(),
                seen.toString());
        assertTrue(seen.get(0).contains("serviceID wv:@beta.example") && seen.get(0).contains(", hex"), seen.get(0));
        assertTrue(seen.get(2).contains("right digest"), seen.get(2));
        assertTrue(seen.get(4).contains(theirs.ourSessionId()), seen.get(4));
        assertTrue(seen.get(5).contains(ours.ourSessionId()), seen.get(5));
        watch.close();
        assertTrue(alpha.handshakes.watchAcceptance("beta.example", HandshakeTrace.NONE).isPresent(), "closed: free again");
    }

    @Test
    void aWatchHearsThatThePeersM3CarriesAWrongDigestAndFailsWithIt() throws Exception {
        alpha.connect(beta);
        beta.tamper = wrongDigest(Mode.REQUEST); // its M3
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        AcceptanceWatch watch = alpha.handshakes.watchAcceptance("beta.example", (m, detail) -> seen.add(m + " " + detail))
                .orElseThrow();
        beta.handshakes.requestorSession(beta.peer());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> watch.result().get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("wrong password digest in M3"), failed.getCause().getMessage());
        assertTrue(seen.get(seen.size() - 1).startsWith("M3 LoginRequest whose digest does not match"), seen.toString());
        assertTrue(alpha.registry.all().isEmpty());
    }

    @Test
    void aWatchOnAPeerWeDoNotFederateWithHearsItsM1Refused() throws Exception {
        Node stranger = new Node("gamma.example", "alpha.example");
        stranger.connect(alpha);
        AcceptanceWatch watch = alpha.handshakes.watchAcceptance("gamma.example", HandshakeTrace.NONE).orElseThrow();
        stranger.handshakes.requestorSession(stranger.peer());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> watch.result().get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("not an allowed peer"), failed.getCause().getMessage());
    }

    @Test
    void setupHeadersAreDescribedAgainstTheBodysTransactionId() {
        assertEquals("; headers: x-wv-transactionid as in the body, x-wv-sessionid s1",
                new SetupHeaders("t1", "s1").describe("t1"));
        assertEquals("; headers: x-wv-transactionid t2 differs from the body's t1", new SetupHeaders("t2", null).describe("t1"));
        assertEquals("; headers: x-wv-transactionid missing (S-012 wants it)", new SetupHeaders(null, null).describe("t1"));
        assertEquals("", SetupHeaders.NONE.describe("t1"), "not known: nothing said");
        assertEquals("; headers: x-wv-transactionid as in the body; posted to https://alpha.example/ssp from 192.0.2.7",
                new SetupHeaders("t1", null, "192.0.2.7", "https://alpha.example/ssp").describe("t1"));
    }

    @Test
    void aCheckHearsThatThePeersM4CarriesAWrongDigestAndFailsWithIt() throws Exception {
        alpha.connect(beta);
        beta.tamper = wrongDigest(Mode.RESPONSE); // its M4
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<PeerSession> check = alpha.handshakes.checkSession(alpha.peer(),
                (message, detail) -> seen.add(message + " " + detail));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> check.get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("wrong password digest in M4"), failed.getCause().getMessage());
        assertTrue(seen.get(seen.size() - 1).startsWith("M4 LoginRequest whose digest does not match"), seen.toString());
        assertTrue(alpha.registry.all().isEmpty());
    }

    @Test
    void wrongDigestLeavesNoSessionAndNoHandshakeOnEitherSide() throws Exception {
        alpha.connect(beta);
        alpha.tamper = wrongDigest(Mode.REQUEST); // its M3
        CompletableFuture<PeerSession> attempt = alpha.handshakes.requestorSession(alpha.peer());
        // M1, M2 and the bad M3 crossed and beta handled M3: what follows is beta's answer to it, not a guess
        waitFor(() -> alpha.sent.get() == 2 && beta.sent.get() == 1 && inFlight.get() == 0
                ? java.util.Optional.of(true) : java.util.Optional.empty());
        assertTrue(beta.registry.all().isEmpty());
        assertEquals(0, beta.handshakes.inProgress());
        // beta answered nothing to the bad M3, so alpha's attempt stays open until its own deadline
        assertTrue(alpha.registry.all().isEmpty());
        assertTrue(!attempt.isDone());
    }

    @Test
    void aSessionNearTheEndOfItsTimeToLiveIsUsedWhileANewHandshakeReplacesIt() throws Exception {
        TestClock clock = new TestClock();
        Node a = new Node(TestConfigs.parse("""
                {"domain": "alpha.example", "sessionTimeToLiveSeconds": 600, "sessionRenewBeforeSeconds": 60,
                 "peers": [{"domain": "beta.example", "url": "http://127.0.0.1:9/ssp"}]}"""), clock);
        Node b = new Node(SspConfig.of("beta.example", new PeerConfig("alpha.example", "http://127.0.0.1:9/ssp")), clock);
        a.connect(b);
        PeerSession first = a.handshakes.requestorSession(a.peer()).get(5, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(530));
        assertSame(first, a.handshakes.requestorSession(a.peer()).get(5, TimeUnit.SECONDS), "still 70 s to live");
        assertEquals(3, a.sent.get());
        clock.advance(Duration.ofSeconds(20));
        assertSame(first, a.handshakes.requestorSession(a.peer()).get(5, TimeUnit.SECONDS), "used while renewing");
        PeerSession renewed = waitFor(() -> a.registry.current("beta.example", Role.REQUESTOR)
                .filter(s -> !s.equals(first)));
        assertEquals(6, a.sent.get(), "one more M1, M3 and M5");
        assertTrue(renewed.expiresAt().isAfter(first.expiresAt()));
        assertEquals(first.theirSessionId(), b.registry.byTheirSessionId(first.ourSessionId()).orElseThrow().ourSessionId(),
                "the peer still maps the replaced session's id, for responses in flight");
        clock.advance(Duration.ofSeconds(60));
        b.registry.expire();
        assertTrue(b.registry.byTheirSessionId(first.ourSessionId()).isEmpty(), "gone at its own end");
        assertEquals(renewed.theirSessionId(),
                b.registry.current("alpha.example", Role.PROVIDER).orElseThrow().ourSessionId());
    }

    @Test
    void aPeerAskingForBase64SecretsGetsOneAndTheHandshakeCompletes() throws Exception {
        Node a = new Node(SspConfig.of("alpha.example",
                new PeerConfig("beta.example", "http://127.0.0.1:9/ssp").withSecretEncoding(SecretEncoding.BASE64)),
                Clock.systemUTC());
        Node b = new Node("beta.example", "alpha.example");
        List<EncodedValue> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();
        UnaryOperator<SspMessage> record = m -> {
            if (m.getSetupTransaction() != null && m.getSetupTransaction().getPrimitive() instanceof SendSecretToken t) {
                secrets.add(t.getSecretToken());
            }
            return m;
        };
        a.tamper = record;
        b.tamper = record;
        a.connect(b);
        a.handshakes.requestorSession(a.peer()).get(5, TimeUnit.SECONDS);
        EncodedValue ours = secrets.stream().filter(v -> v.getEncoding() != null).findFirst().orElseThrow();
        assertEquals("base64", ours.getEncoding());
        assertEquals(16, Base64.getDecoder().decode(ours.getValue()).length);
        assertEquals(1, secrets.stream().filter(v -> v.getEncoding() == null && v.getValue().length() == 32).count(),
                "the other side keeps its hex default");
    }

    @Test
    void aDeniedPeerIsRefusedAtItsFirstMessage() {
        Node b = new Node(SspConfig.of("beta.example",
                new PeerConfig("alpha.example", "http://127.0.0.1:9/ssp").withAllowed(false)), Clock.systemUTC());
        b.channel = (peer, via, message, txn, first) -> { throw new AssertionError("nothing is sent to a denied peer"); };
        assertEquals(SetupOutcome.REJECTED, b.handshakes.onSetup(m1("d1"), PeerIdentity.NONE));
        assertEquals(0, b.handshakes.inProgress());
    }

    private static <T> T waitFor(java.util.function.Supplier<java.util.Optional<T>> probe) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("not within 5 s");
    }

    @Test
    void setupFromAnUnconfiguredDomainIsRefused() {
        SetupTransaction m1 = SspMessage.setup(Mode.REQUEST, "x1",
                new SendSecretToken("wv:@stranger.example", "00112233445566778899aabbccddeeff")).getSetupTransaction();
        assertEquals(SetupOutcome.REJECTED, beta.handshakes.onSetup(m1, PeerIdentity.NONE));
        assertEquals(0, beta.handshakes.inProgress());
    }

    @Test
    void floodOfHalfFinishedHandshakesFromAPeerIsRefusedAtTheBound() {
        beta.channel = (peer, via, message, txn, first) -> via;
        for (int i = 0; i < Handshakes.MAX_ACCEPTANCES; i++) {
            assertEquals(SetupOutcome.DONE, beta.handshakes.onSetup(m1("flood" + i), PeerIdentity.NONE));
        }
        assertEquals(SetupOutcome.REJECTED, beta.handshakes.onSetup(m1("flood_more"), PeerIdentity.NONE));
        assertEquals(Handshakes.MAX_ACCEPTANCES, beta.handshakes.inProgress());
    }

    private static SetupTransaction m1(String txn) {
        return SspMessage.setup(Mode.REQUEST, txn,
                new SendSecretToken("wv:@alpha.example", "00112233445566778899aabbccddeeff")).getSetupTransaction();
    }

    @Test
    void unreachablePeerFailsTheHandshakeWithTheReason() {
        alpha.channel = (peer, via, message, txn, first) -> {
            throw new org.openimps.ssp.protocol.PeerTransport.TransportException("connection refused");
        };
        var attempt = alpha.handshakes.requestorSession(alpha.peer());
        ExecutionException e = assertThrows(ExecutionException.class, () -> attempt.get(1, TimeUnit.SECONDS));
        assertInstanceOf(SessionSetupException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("connection refused"), e.getCause().getMessage());
        assertEquals(0, alpha.handshakes.inProgress());
    }

    /** A node's LoginRequest (M3 as initiator, M4 as acceptor) with the digest of a secret nobody sent. */
    private static UnaryOperator<SspMessage> wrongDigest(Mode mode) {
        return message -> {
            SetupTransaction tx = message.getSetupTransaction();
            if (tx != null && tx.getPrimitive() instanceof LoginRequest login) {
                return SspMessage.setup(mode, tx.getTransactionId(),
                        new LoginRequest(login.getServiceId(), 3600, Secrets.digestOf("not the secret")));
            }
            return message;
        };
    }

    private final class Node {
        final SspConfig config;
        final SessionRegistry registry;
        final Handshakes handshakes;
        final AtomicInteger sent = new AtomicInteger();
        volatile SetupChannel channel;
        /** Where each setup message to this node was sent. */
        final List<java.net.URI> arrivedVia = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile UnaryOperator<SspMessage> tamper = m -> m;

        Node(String domain, String peerDomain) {
            this(SspConfig.of(domain, new PeerConfig(peerDomain, "http://127.0.0.1:9/ssp")),
                    Clock.systemUTC());
        }

        Node(SspConfig config, Clock clock) {
            this.config = config;
            registry = new SessionRegistry(10, clock);
            PeerDirectory directory = new PeerDirectory(config, domain -> List.of(), change -> { });
            handshakes = new Handshakes(config, directory, registry, (p, v, m, t, f) -> channel.send(p, v, m, t, f),
                    SetupClaims.SINGLE_NODE, clock, null);
        }

        PeerConfig peer() {
            return config.peers().get(0);
        }

        void connect(Node other) {
            this.channel = (peer, via, message, txn, first) -> {
                other.arrivedVia.add(first ? other.nodeUrl() : via);
                deliver(other, tamper.apply(message));
                return other.nodeUrl();
            };
            other.channel = (peer, via, message, txn, first) -> {
                arrivedVia.add(first ? nodeUrl() : via);
                deliver(this, other.tamper.apply(message));
                return nodeUrl();
            };
        }

        /** The URL a first SendSecretToken to this node is taken at (as if redirected there). */
        java.net.URI nodeUrl() {
            return java.net.URI.create("http://127.0.0.1:9/" + config.domain() + "/node-2/ssp");
        }

        private void deliver(Node to, SspMessage message) {
            // through the real codec, asynchronously, retrying early messages like the router does
            byte[] bytes = codec.encode(message);
            (to == this ? other(to) : this).sent.incrementAndGet();
            inFlight.incrementAndGet();
            wire.execute(() -> {
                try {
                    SetupTransaction tx = codec.decode(bytes).getSetupTransaction();
                    for (int i = 0; i < 40 && to.handshakes.onSetup(tx, PeerIdentity.NONE) == SetupOutcome.NOT_YET; i++) {
                        Thread.sleep(25);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the test ended
                } catch (Throwable e) {
                    wireFailures.add(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }

        private Node other(Node n) {
            return n == alpha ? beta : alpha;
        }
    }
}
