package org.openimps.ssp.exchange.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.config.ConfigParser;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.correlation.CorrelationStore;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.exchange.BoundedPools;
import org.openimps.ssp.exchange.StoredTransactions;
import org.openimps.ssp.exchange.Transmitter;
import org.openimps.ssp.exchange.outbound.LoopbackPeer.Act;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.store.OutboxRecord;
import org.openimps.ssp.testing.TestClock;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.Transaction;
import org.openimps.ssp.wire.XmlLimits;

/**
 * The outbound pipeline without sockets: the real intake, engine, rules, transmitter, codec and correlation store,
 * with the outbox and sessions in memory and a {@link LoopbackPeer} behind the transport port.
 */
class OutboundPipelineTest {
    private static final String PEER = "beta.example";
    private static final String CONFIG = """
            {"domain": "alpha.example", "quarantineAfterDrops": 2, "transactionTimeoutSeconds": 30,
             "peers": [{"domain": "beta.example", "url": "http://127.0.0.1:9/ssp", "retryMinMillis": 20,
                        "retryMaxSeconds": 1}]}""";

    private final SspCodec codec = new SspCodec(XmlLimits.DEFAULT);
    /** The correlation store's clock, moved by hand to time out what the peer never answers. */
    private final TestClock pendingClock = new TestClock();
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final MemorySessions sessions = new MemorySessions();
    private SspConfig config;
    private PeerConfig beta;
    private CorrelationStore correlation;
    private LoopbackPeer peer;
    private OutboundPipeline pipeline;

    @BeforeEach
    void wire() {
        wire(CONFIG);
    }

    private void wire(String json) {
        config = new ConfigParser().parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
        PeerDirectory directory = new PeerDirectory(config, domain -> List.of(), change -> { });
        beta = directory.find(PEER).orElseThrow();
        correlation = new CorrelationStore(1_000, config.transactionTimeout(), pendingClock);
        peer = new LoopbackPeer(codec, correlation);
        Monitor monitor = new Monitor(config, Clock.systemUTC());
        pipeline = new OutboundPipeline(config, directory, sessions, correlation,
                new Transmitter(directory, codec, peer, monitor), outbox, new StoredTransactions(codec), monitor,
                Clock.systemUTC(), new Steps(BoundedPools.of(4, 1_000, Executors.defaultThreadFactory()), scheduler));
    }

    @AfterEach
    void stop() {
        pipeline.stop();
        scheduler.shutdownNow();
        peer.close();
    }

    @Test
    void everySendReachesAnAnsweringPeerOnceAndCompletesWithItsAnswer() throws Exception {
        List<CompletableFuture<Reply>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(send("m" + i));
        }
        for (CompletableFuture<Reply> reply : sent) {
            assertEquals(200, reply.get(10, TimeUnit.SECONDS).status().getCode());
        }
        assertEquals(50, new TreeSet<>(peer.deliveredTexts()).size());
        assertEquals(50, peer.received().size(), "nothing twice");
        assertEquals(Set.of(), outbox.rows().keySet(), "answered requests leave the outbox");
    }

    @Test
    void sendsBeyondWhatALineHoldsWaitInTheOutboxOnlyAndGoOutInOrderWhenThePeerIsBack() throws Exception {
        pipeline.stop();
        wire(CONFIG.replace("{\"domain\": \"alpha.example\",",
                "{\"domain\": \"alpha.example\", \"maxQueuedPerPeer\": 8, \"maxStoredPerPeer\": 30,"));
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        peer.script(t -> down.get() ? Act.REFUSE : Act.ANSWER);
        List<CompletableFuture<Reply>> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(send(String.format("m%02d", i)));
        }
        for (int i = 8; i < 30; i++) {
            assertEquals(StatusCode.ACCEPTED.code(), sent.get(i).get(10, TimeUnit.SECONDS).status().getCode(),
                    "m" + i + ": stored, not held; its sender hears so at once: " + sent.get(i).join().status() + " " + pipeline.states());
        }
        for (int i = 30; i < 40; i++) {
            assertEquals(503, sent.get(i).get(10, TimeUnit.SECONDS).status().getCode(), "over maxStoredPerPeer");
        }
        assertEquals(30, outbox.rows().size());
        QueueState held = pipeline.states().get(0);
        assertEquals(8, held.outstanding(), "what the line holds in memory");
        assertEquals(22, held.overflow(), "what waits in the outbox only");
        assertTrue(sent.subList(0, 8).stream().noneMatch(CompletableFuture::isDone), "held ones wait for the peer");

        down.set(false);
        for (int i = 0; i < 8; i++) {
            assertEquals(200, sent.get(i).get(10, TimeUnit.SECONDS).status().getCode());
        }
        await(() -> outbox.rows().isEmpty(), "every stored request delivered");
        List<String> expected = java.util.stream.IntStream.range(0, 30).mapToObj(i -> String.format("m%02d", i)).toList();
        // each once; concurrent POSTs may pass each other on the wire, as with any pipelined traffic
        assertEquals(expected, peer.deliveredTexts().stream().sorted().toList(), "each once");
        assertEquals(0, pipeline.states().get(0).overflow());
    }

    @Test
    void anAttemptThatFailsAfterTheStopCompletesItsSendWith503() throws Exception {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch posted = new java.util.concurrent.CountDownLatch(1);
        peer.script(t -> {
            posted.countDown();
            try {
                stopped.await(5, TimeUnit.SECONDS); // the POST fails only once the pipeline has stopped
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Act.REFUSE;
        });
        CompletableFuture<Reply> reply = send("in flight at the stop");
        assertTrue(posted.await(5, TimeUnit.SECONDS));
        pipeline.stop();
        stopped.countDown();
        assertEquals(503, reply.get(5, TimeUnit.SECONDS).status().getCode(), "not parked for a probe that never comes");
        assertEquals(1, outbox.rows().size(), "kept for the next start");
    }

    @Test
    void whileThePeerRefusesConnectionsSendsWaitAndAllGoOutOnceWhenItIsBack() throws Exception {
        AtomicInteger refusals = new AtomicInteger();
        peer.script(t -> refusals.incrementAndGet() <= 3 ? Act.REFUSE : Act.ANSWER);
        List<CompletableFuture<Reply>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send("m" + i));
        }
        for (CompletableFuture<Reply> reply : sent) {
            assertEquals(200, reply.get(10, TimeUnit.SECONDS).status().getCode());
        }
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), peer.deliveredTexts().stream().sorted().toList(),
                "each delivered exactly once");
    }

    @Test
    void aRequestThePeerTakesAndNeverAnswersGoesAgainWithItsTransactionIdInANewSessionAfterTwoTimeouts() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        peer.script(t -> posts.incrementAndGet() <= 2 ? Act.SILENT : Act.ANSWER);
        CompletableFuture<Reply> reply = send("slow");
        await(() -> peer.received().size() == 1, "the first POST");
        timeOutWhatIsPending();
        await(() -> peer.received().size() == 2, "the resend after one timeout");
        assertEquals(1, sessions.established(), "after one timeout: the same session");
        timeOutWhatIsPending();
        assertEquals(200, reply.get(10, TimeUnit.SECONDS).status().getCode());
        assertEquals(2, sessions.established(), "after two in a row: the peer has likely lost the session");
        String txn = peer.received().get(0).getTransactionId();
        assertEquals(3, peer.postsOf(txn), "the same transaction id each time, so the peer's dedupe answers");
    }

    @Test
    void aMessageThePeerDropsTheConnectionOnIsSetAsideTheRestIsDeliveredAndTheOperatorDropsIt() throws Exception {
        peer.script(t -> text(t).startsWith("poison") ? Act.DROP : Act.ANSWER);
        CompletableFuture<Reply> poison = send("poison");
        List<CompletableFuture<Reply>> others = List.of(send("a"), send("b"), send("c"));
        for (CompletableFuture<Reply> other : others) {
            assertEquals(200, other.get(10, TimeUnit.SECONDS).status().getCode());
        }
        await(() -> !pipeline.waiting(PEER, 10).isEmpty() && pipeline.waiting(PEER, 10).get(0).quarantineReason() != null,
                "the poison message set aside");
        WaitingTransaction aside = pipeline.waiting(PEER, 10).get(0);
        assertEquals(2, peer.postsOf(aside.transactionId()), "quarantineAfterDrops POSTs, no more");
        assertFalse(poison.isDone(), "set aside, not lost");
        // the reason is written to the outbox just after the line sets the request aside
        await(() -> outbox.rows().values().iterator().next().getQuarantineReason() != null, "the reason stored");
        OutboxRecord row = outbox.rows().values().iterator().next();
        assertTrue(row.getQuarantineReason().contains("2 time(s) in a row"), "a restart keeps it aside");

        assertTrue(pipeline.drop(PEER, aside.transactionId(), "operator"));
        assertEquals(StatusCode.UNABLE_TO_DELIVER.code(), poison.get(1, TimeUnit.SECONDS).status().getCode());
        assertEquals(Set.of(), outbox.rows().keySet());
        assertFalse(pipeline.drop(PEER, aside.transactionId(), "operator"), "gone");
    }

    @Test
    void aSendAfterTheDeploymentStoppedCompletesAtOnceWith503AndNothingIsLeftRunning() throws Exception {
        pipeline.stop();
        CompletableFuture<Reply> late = send("late");
        assertTrue(late.isDone(), "completed on the caller's thread, not rescheduled");
        Reply.Failed failed = assertInstanceOf(Reply.Failed.class, late.get());
        assertEquals(StatusCode.SERVICE_UNAVAILABLE, failed.code());
        assertTrue(failed.detail().contains("undeploying"), failed.detail());
        assertEquals(List.of(), scheduler.getQueue().stream().filter(task -> !((java.util.concurrent.Future<?>) task)
                .isCancelled()).toList(), "no step waits to be tried again");
        assertEquals(List.of(), peer.received());
    }

    @Test
    void aRequestWaitingForItsPeerWhenTheDeploymentStopsIsToldSoAndStaysStoredForTheNextStart() throws Exception {
        peer.script(t -> Act.REFUSE);
        CompletableFuture<Reply> waiting = send("parked");
        await(() -> pipeline.states().stream().anyMatch(q -> q.parked() == 1), "parked behind the backoff");
        pipeline.stop();
        Reply.Failed failed = assertInstanceOf(Reply.Failed.class, waiting.get(1, TimeUnit.SECONDS));
        assertEquals(StatusCode.SERVICE_UNAVAILABLE, failed.code());
        assertTrue(failed.detail().contains("after the next start"), failed.detail());
        assertEquals(1, outbox.rows().size());
    }

    @Test
    void whatTheOutboxHeldAtStartIsSentAndLeavesIt() throws Exception {
        StoredTransactions stored = new StoredTransactions(codec);
        byte[] message = stored.encode(new Transaction(Mode.REQUEST, "t-recovered", request("from the last run")));
        long now = System.currentTimeMillis();
        outbox.store(List.of(new OutboxRecord("alpha.example", PEER, "t-recovered", message, now, now + 60_000)));
        pipeline.start();
        await(() -> outbox.rows().isEmpty(), "the stored request answered");
        assertEquals(List.of("from the last run"), peer.deliveredTexts());
        assertEquals("t-recovered", peer.received().get(0).getTransactionId());
    }

    @Test
    void atStartALineHoldsItsBoundAndReadsTheRestOfTheOutboxBackAsItDrains() throws Exception {
        pipeline.stop();
        wire(CONFIG.replace("{\"domain\": \"alpha.example\",", "{\"domain\": \"alpha.example\", \"maxQueuedPerPeer\": 6,"));
        StoredTransactions stored = new StoredTransactions(codec);
        long now = System.currentTimeMillis();
        List<OutboxRecord> left = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String txn = "t" + i;
            left.add(new OutboxRecord("alpha.example", PEER, txn,
                    stored.encode(new Transaction(Mode.REQUEST, txn, request(String.format("r%02d", i)))), now, now + 60_000));
        }
        outbox.store(left);
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        peer.script(t -> down.get() ? Act.REFUSE : Act.ANSWER);
        pipeline.start();
        await(() -> !pipeline.states().isEmpty() && pipeline.states().get(0).overflow() == 34, "6 held, 34 left in the outbox");
        assertEquals(6, pipeline.states().get(0).outstanding());

        down.set(false);
        await(() -> outbox.rows().isEmpty(), "all 40 delivered");
        assertEquals(java.util.stream.IntStream.range(0, 40).mapToObj(i -> String.format("r%02d", i)).toList(),
                peer.deliveredTexts().stream().sorted().toList(), "each once");
    }

    private CompletableFuture<Reply> send(String text) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        pipeline.submit(beta, request(text), result);
        return result;
    }

    private static SendMessageRequest request(String text) {
        return new SendMessageRequest("wv:alice@alpha.example", "wv:bob@beta.example", text);
    }

    private static String text(Transaction t) {
        return ((SendMessageRequest) t.getPayload()).getContentData();
    }

    private void timeOutWhatIsPending() {
        pendingClock.advance(config.transactionTimeout().plus(Duration.ofSeconds(1)));
        correlation.expire();
    }

    /** Waits (bounded) for what the pipeline does on its own threads. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }
}
