package org.openimps.ssp.exchange.outbound;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.openimps.ssp.correlation.CorrelationStore;
import org.openimps.ssp.correlation.PendingKey;
import org.openimps.ssp.protocol.OutboundPost;
import org.openimps.ssp.protocol.PeerTransport;
import org.openimps.ssp.wire.MalformedMessageException;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.SspMessage;
import org.openimps.ssp.wire.Status;
import org.openimps.ssp.wire.Transaction;

/**
 * A peer in memory behind the {@link PeerTransport} port, as Jersey tests a client against a fake connector: it
 * decodes each POST with the real codec and, as its script says, answers it (the empty 200, then its SSP response
 * through the correlation store, as our inbound side would), drops the connection under it, refuses the
 * connection, or takes it and never answers.
 */
final class LoopbackPeer implements PeerTransport, AutoCloseable {
    enum Act { ANSWER, DROP, REFUSE, SILENT }

    private final SspCodec codec;
    private final CorrelationStore correlation;
    /** The peer's own threads: its answers do not come on the thread that POSTed. */
    private final ExecutorService peerThreads = Executors.newSingleThreadExecutor();
    private final List<Transaction> received = new ArrayList<>();
    private final List<Transaction> delivered = new ArrayList<>();
    private volatile Function<Transaction, Act> script = t -> Act.ANSWER;

    LoopbackPeer(SspCodec codec, CorrelationStore correlation) {
        this.codec = codec;
        this.correlation = correlation;
    }

    void script(Function<Transaction, Act> acts) {
        this.script = acts;
    }

    @Override
    public URI post(OutboundPost post) throws TransportException {
        throw new TransportException("session traffic only: the sessions are given, no handshake crosses");
    }

    @Override
    public CompletableFuture<URI> postAsync(OutboundPost post) {
        SspMessage message;
        try {
            message = codec.decode(post.body());
        } catch (MalformedMessageException e) {
            return CompletableFuture.failedFuture(new AssertionError("we POSTed a body we cannot read", e));
        }
        Transaction transaction = message.getSession().getTransactions().get(0);
        Act act = script.apply(transaction);
        synchronized (this) {
            received.add(transaction);
        }
        return switch (act) {
            case REFUSE -> CompletableFuture.failedFuture(new TransportException("Connection refused"));
            case DROP -> CompletableFuture.failedFuture(new TransportException("connection closed, no answer", null, true));
            case SILENT -> CompletableFuture.completedFuture(post.target());
            case ANSWER -> {
                synchronized (this) {
                    delivered.add(transaction);
                }
                PendingKey key = new PendingKey(post.peerDomain(), post.sessionId(), transaction.getTransactionId());
                Object response = new SendMessageResponse(new Status(200, null), "m-" + transaction.getTransactionId());
                peerThreads.execute(() -> correlation.complete(key, response));
                yield CompletableFuture.completedFuture(post.target());
            }
        };
    }

    /** Every POST that reached the peer, in arrival order. */
    synchronized List<Transaction> received() {
        return List.copyOf(received);
    }

    /** The texts of the messages the peer's users got, in arrival order. */
    synchronized List<String> deliveredTexts() {
        return delivered.stream().map(t -> ((SendMessageRequest) t.getPayload()).getContentData()).toList();
    }

    synchronized long postsOf(String transactionId) {
        return received.stream().filter(t -> t.getTransactionId().equals(transactionId)).count();
    }

    @Override
    public void close() {
        peerThreads.shutdownNow();
    }
}
