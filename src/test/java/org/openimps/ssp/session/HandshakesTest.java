package org.openimps.ssp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
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
import org.junit.jupiter.api.Test;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
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

    @AfterEach
    void stop() {
        wire.shutdownNow();
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
    void concurrentSendersToADomainWithoutSessionShareOneHandshake() throws Exception {
        alpha.connect(beta);
        List<CompletableFuture<PeerSession>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(CompletableFuture.supplyAsync(() -> alpha.handshakes.requestorSession(alpha.peer()), wire)
                    .thenCompose(f -> f));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertEquals(1, all.stream().map(CompletableFuture::join).distinct().count());
        assertEquals(3, alpha.sent.get(), "one M1, M3 and M5");
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
    void wrongDigestLeavesNoSessionAndNoHandshakeOnEitherSide() throws Exception {
        alpha.connect(beta);
        alpha.tamper = message -> {
            SetupTransaction tx = message.getSetupTransaction();
            if (tx != null && tx.getPrimitive() instanceof LoginRequest login) {
                return SspMessage.setup(Mode.REQUEST, tx.getTransactionId(),
                        new LoginRequest(login.getServiceId(), 3600, Secrets.digestOf("not the secret")));
            }
            return message;
        };
        CompletableFuture<PeerSession> attempt = alpha.handshakes.requestorSession(alpha.peer());
        Thread.sleep(300);
        assertTrue(beta.registry.all().isEmpty());
        assertEquals(0, beta.handshakes.inProgress());
        // beta answered nothing to the bad M3, so alpha's attempt stays open until its own deadline
        assertTrue(alpha.registry.all().isEmpty());
        assertTrue(!attempt.isDone());
    }

    @Test
    void setupFromAnUnconfiguredDomainIsRefused() {
        SetupTransaction m1 = SspMessage.setup(Mode.REQUEST, "x1",
                new SendSecretToken("wv:@stranger.example", "00112233445566778899aabbccddeeff")).getSetupTransaction();
        assertEquals(SetupOutcome.REJECTED, beta.handshakes.onSetup(m1));
        assertEquals(0, beta.handshakes.inProgress());
    }

    @Test
    void floodOfHalfFinishedHandshakesFromAPeerIsRefusedAtTheBound() {
        beta.channel = (peer, message, txn, first) -> { };
        for (int i = 0; i < Handshakes.MAX_ACCEPTANCES; i++) {
            assertEquals(SetupOutcome.DONE, beta.handshakes.onSetup(m1("flood" + i)));
        }
        assertEquals(SetupOutcome.REJECTED, beta.handshakes.onSetup(m1("flood_more")));
        assertEquals(Handshakes.MAX_ACCEPTANCES, beta.handshakes.inProgress());
    }

    private static SetupTransaction m1(String txn) {
        return SspMessage.setup(Mode.REQUEST, txn,
                new SendSecretToken("wv:@alpha.example", "00112233445566778899aabbccddeeff")).getSetupTransaction();
    }

    @Test
    void unreachablePeerFailsTheHandshakeWithTheReason() {
        alpha.channel = (peer, message, txn, first) -> {
            throw new org.openimps.ssp.protocol.PeerTransport.TransportException("connection refused");
        };
        var attempt = alpha.handshakes.requestorSession(alpha.peer());
        ExecutionException e = assertThrows(ExecutionException.class, () -> attempt.get(1, TimeUnit.SECONDS));
        assertInstanceOf(SessionSetupException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("connection refused"), e.getCause().getMessage());
        assertEquals(0, alpha.handshakes.inProgress());
    }

    private final class Node {
        final SspConfig config;
        final SessionRegistry registry;
        final Handshakes handshakes;
        final AtomicInteger sent = new AtomicInteger();
        volatile SetupChannel channel;
        volatile UnaryOperator<SspMessage> tamper = m -> m;

        Node(String domain, String peerDomain) {
            config = new SspConfig().withDomain(domain).withPeer(new PeerConfig(peerDomain, "http://127.0.0.1:9/ssp"));
            registry = new SessionRegistry(10, Clock.systemUTC());
            handshakes = new Handshakes(config, registry, (p, m, t, f) -> channel.send(p, m, t, f), Clock.systemUTC(), null);
        }

        PeerConfig peer() {
            return config.getPeers().get(0);
        }

        void connect(Node other) {
            this.channel = (peer, message, txn, first) -> deliver(other, tamper.apply(message));
            other.channel = (peer, message, txn, first) -> deliver(this, other.tamper.apply(message));
        }

        private void deliver(Node to, SspMessage message) {
            // through the real codec, asynchronously, retrying early messages like the router does
            byte[] bytes = codec.encode(message);
            (to == this ? other(to) : this).sent.incrementAndGet();
            wire.execute(() -> {
                try {
                    SetupTransaction tx = codec.decode(bytes).getSetupTransaction();
                    for (int i = 0; i < 40 && to.handshakes.onSetup(tx) == SetupOutcome.NOT_YET; i++) {
                        Thread.sleep(25);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        private Node other(Node n) {
            return n == alpha ? beta : alpha;
        }
    }
}
