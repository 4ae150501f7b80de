package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openimps.ssp.config.SecretEncoding;
import org.openimps.ssp.session.Secrets;
import org.openimps.ssp.testing.FreePorts;
import org.openimps.ssp.wire.LoginRequest;
import org.openimps.ssp.wire.LoginResponse;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.SendSecretToken;
import org.openimps.ssp.wire.SetupTransaction;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.SspMessage;
import org.openimps.ssp.wire.Status;
import org.openimps.ssp.wire.Transaction;
import org.openimps.ssp.wire.XmlLimits;

/**
 * A fake SSP peer, domain {@code probe.test}, living in the test JVM on a loopback port: it receives the
 * server's POSTs on its own HTTP listener (the peer's connection 2) and sends its own POSTs as raw HTTP/1.1
 * on sockets it opens (connection 1), so the tests see exactly what travels on each connection.
 */
public final class ProbePeer implements AutoCloseable {
    public static final String DOMAIN = "probe.test";
    static final int PORT = FreePorts.loopback();

    private final SspCodec codec = new SspCodec(XmlLimits.DEFAULT);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final HttpServer server;
    private final URI target;
    private String ourSessionId;
    private String theirSessionId;
    private volatile Function<Transaction, Optional<String>> responder = t -> Optional.empty();
    private volatile boolean redirectSessionPosts;
    /** Answer the server's M3 and M5 (setup POSTs after its first SendSecretToken) with 307: against S-011. */
    private volatile boolean redirectLaterSetupPosts;
    /** As acceptor, prove knowledge of a secret the server never sent (a broken or tampering peer). */
    private volatile boolean wrongDigest;
    private volatile Predicate<Transaction> crashOn = t -> false;
    private final java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger redirectsAnswered = new java.util.concurrent.atomic.AtomicInteger();
    /** Acceptor role: the session the server asks of us. */
    private final String acceptorSecret = new Secrets().newSecret(SecretEncoding.HEX);
    private volatile String initiatorSecret;
    private volatile String acceptedServerSessionId;
    static final String ACCEPTED_SESSION_ID = "4712@" + DOMAIN;

    /** One POST the server sent us, decoded and as the bytes that came. */
    public record Received(SspMessage message, String headerTxnId, String headerSessionId, Instant at, byte[] body) {
    }

    /** One HTTP reply read off a raw socket. */
    record HttpReply(int status, int contentLength, String body) {
    }

    public ProbePeer(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 64);
        server.createContext("/", this::receive);
        server.setExecutor(threads);
        server.start();
    }

    public static String url() {
        return "http://127.0.0.1:" + PORT + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    String theirSessionId() {
        return theirSessionId;
    }

    String ourSessionId() {
        return ourSessionId;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Runs M1..M6 as initiator, checking every HTTP reply is an empty 200 and the server's digest is right. */
    void establishSession() throws Exception {
        Secrets secrets = new Secrets();
        String secret = secrets.newSecret(SecretEncoding.HEX);
        String txn = "probe_" + System.nanoTime();
        post(SspMessage.setup(Mode.REQUEST, txn, new SendSecretToken("wv:@" + DOMAIN, secret)), txn, null);
        SendSecretToken m2 = (SendSecretToken) awaitSetup(Mode.RESPONSE, SendSecretToken.class, null).getPrimitive();
        post(SspMessage.setup(Mode.REQUEST, txn, new LoginRequest("wv:@" + DOMAIN, 3600,
                Secrets.digestOf(m2.getSecretToken().getValue()))), txn, null);
        LoginRequest m4 = (LoginRequest) awaitSetup(Mode.RESPONSE, LoginRequest.class, txn).getPrimitive();
        assertTrue(Secrets.digestMatches(m4.getPasswordDigest().getValue(), secret), "server's digest of our secret");
        assertEquals("base64", m4.getPasswordDigest().getEncoding());
        ourSessionId = "probe_session_1";
        post(SspMessage.setup(Mode.REQUEST, txn, new LoginResponse(ourSessionId, 3600, new Status(200, null))), txn, null);
        LoginResponse m6 = (LoginResponse) awaitSetup(Mode.RESPONSE, LoginResponse.class, txn).getPrimitive();
        assertEquals(200, m6.getStatus().getCode());
        theirSessionId = m6.getSessionId();
    }

    /**
     * The handshake again, from the quirk corpus: a misspelled protocolVersion and a padded secret in M1, a
     * digest wrapped with CRLF in M3, and a {@code <number>@probe.test} session id in M5.
     */
    void establishSessionWithQuirks() throws Exception {
        String secret = new Secrets().newSecret(SecretEncoding.HEX);
        String txn = "probeq_" + System.nanoTime();
        postRaw(Quirks.fill("m1-misspelled-version-padded-secret.xml", Map.of("txn", txn, "secret", secret)),
                Map.of("x-wv-transactionid", txn));
        SendSecretToken m2 = (SendSecretToken) awaitSetup(Mode.RESPONSE, SendSecretToken.class, null).getPrimitive();
        String digest = Secrets.digestOf(m2.getSecretToken().getValue());
        String wrapped = "\r\n   " + digest.substring(0, 10) + "\r\n   " + digest.substring(10) + "\r\n";
        postRaw(Quirks.fill("m3-digest-wrapped-crlf.xml", Map.of("txn", txn, "digest", wrapped)), Map.of());
        LoginRequest m4 = (LoginRequest) awaitSetup(Mode.RESPONSE, LoginRequest.class, txn).getPrimitive();
        assertTrue(Secrets.digestMatches(m4.getPasswordDigest().getValue(), secret), "server's digest of our padded secret");
        ourSessionId = "4711@" + DOMAIN;
        postRaw(Quirks.fill("m5-session-id-number-at-domain.xml", Map.of("txn", txn, "sid", ourSessionId)), Map.of());
        LoginResponse m6 = (LoginResponse) awaitSetup(Mode.RESPONSE, LoginResponse.class, txn).getPrimitive();
        assertEquals(200, m6.getStatus().getCode());
        theirSessionId = m6.getSessionId();
    }

    /**
     * The handshake as a deployed server (Baraza) performs it, from its recorded M1, M3 and M5 (wire-samples):
     * its own secret, the digest line padding, the {@code procotolVersion} spelling and {@code n@domain} session id.
     */
    void establishSessionFromSamples() throws Exception {
        String txn = "baraza_" + System.nanoTime();
        WireSamples m1 = WireSamples.sent("SendSecretToken-request").transaction(txn);
        postRaw(m1.xml(), Map.of()); // the deployed server sends no x-wv-transactionid on setup POSTs
        SendSecretToken m2 = (SendSecretToken) awaitSetup(Mode.RESPONSE, SendSecretToken.class, null).getPrimitive();
        postRaw(WireSamples.sent("LoginRequest-request").transaction(txn)
                .digest(Secrets.digestOf(m2.getSecretToken().getValue())).xml(), Map.of());
        LoginRequest m4 = (LoginRequest) awaitSetup(Mode.RESPONSE, LoginRequest.class, txn).getPrimitive();
        assertTrue(Secrets.digestMatches(m4.getPasswordDigest().getValue(), WireSamples.SENT_SECRET),
                "server's digest of the deployed server's secret");
        ourSessionId = "1@" + DOMAIN;
        postRaw(WireSamples.sent("LoginResponse-request").transaction(txn).xml(), Map.of());
        LoginResponse m6 = (LoginResponse) awaitSetup(Mode.RESPONSE, LoginResponse.class, txn).getPrimitive();
        assertEquals(200, m6.getStatus().getCode());
        theirSessionId = m6.getSessionId();
    }

    /**
     * From now on, close the connection without any HTTP answer whenever a POST carries a transaction matching
     * {@code poison}, as a deployed peer does that crashes on a message it cannot take.
     */
    void crashOn(Predicate<Transaction> poison) {
        this.crashOn = poison;
    }

    /** How many POSTs the probe dropped the connection on. */
    int dropped() {
        return dropped.get();
    }

    /** From now on, answer the server's M3 (as acceptor) with a digest of another secret in M4. */
    void answerWithWrongDigest() {
        wrongDigest = true;
    }

    /** From now on, answer the server's M3 and M5 with 307, where spec 5.5 (S-011) allows no redirect. */
    void redirectLaterSetupPosts() {
        this.redirectLaterSetupPosts = true;
    }

    /** Back to a well-behaved peer: right digests, and the empty 200 to every POST. */
    void behave() {
        wrongDigest = false;
        redirectSessionPosts = false;
        redirectLaterSetupPosts = false;
    }

    /** Forgets what the server sent so far: a handshake that follows reads only its own messages. */
    void forgetReceived() {
        received.clear();
    }

    /** From now on, answer the server's session POSTs with 307 instead of 200 (a misbehaving peer). */
    void redirectSessionPosts() {
        this.redirectSessionPosts = true;
    }

    /** Back to answering session POSTs with the empty 200. */
    void stopRedirecting() {
        this.redirectSessionPosts = false;
    }

    /** How many POSTs got our 307. */
    int redirectsAnswered() {
        return redirectsAnswered.get();
    }

    /** Answers the server's requests with what the function returns (raw XML), on our own connection. */
    void respondWith(Function<Transaction, Optional<String>> responder) {
        this.responder = responder;
    }

    /** POSTs raw XML on a fresh connection with exactly these extension headers; requires the empty 200. */
    HttpReply postRaw(String xml, Map<String, String> headers) throws IOException {
        try (Socket socket = connect()) {
            writeRequest(socket.getOutputStream(), xml.getBytes(StandardCharsets.UTF_8), headers);
            HttpReply reply = readReply(socket.getInputStream());
            assertEquals(200, reply.status(), "HTTP status: " + reply.body());
            assertEquals(0, reply.contentLength());
            return reply;
        }
    }

    /** POSTs one message on a fresh connection and requires the empty 200. */
    void post(SspMessage message, String txn, String sid) throws IOException {
        try (Socket socket = connect()) {
            writeRequest(socket.getOutputStream(), codec.encode(message), txn, sid);
            HttpReply reply = readReply(socket.getInputStream());
            assertEquals(200, reply.status(), "HTTP status of txn " + txn + ": " + reply.body());
            assertEquals(0, reply.contentLength(), "HTTP body of txn " + txn);
        }
    }

    /** Writes all requests back to back on one connection (HTTP/1.1 pipelining), then reads all replies. */
    List<HttpReply> pipeline(List<Transaction> transactions) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (Transaction t : transactions) {
                writeRequest(out, codec.encode(SspMessage.session(ourSessionId, t)), t.getTransactionId(), ourSessionId);
            }
            out.flush();
            List<HttpReply> replies = new ArrayList<>();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < transactions.size(); i++) {
                replies.add(readReply(in));
            }
            return replies;
        }
    }

    /** The first received message matching, waiting at most {@code timeout}. */
    Received await(Predicate<Received> match, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            Optional<Received> hit = received.stream().filter(match).findFirst();
            if (hit.isPresent()) {
                return hit.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("nothing matching arrived within " + timeout + "; got " + received.size() + " messages");
    }

    /** Waits for the server's response transaction to our transaction id. */
    Received awaitResponse(String txn, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            Optional<Received> hit = responseTo(txn);
            if (hit.isPresent()) {
                return hit.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no response to txn " + txn + " within " + timeout);
    }

    /** The response transaction for our transaction id, if it has arrived. */
    Optional<Received> responseTo(String txn) {
        return received.stream().filter(r -> r.message().getSession() != null && r.message().getSession()
                .getTransactions().stream().anyMatch(t -> txn.equals(t.getTransactionId()))).findFirst();
    }

    private SetupTransaction awaitSetup(Mode mode, Class<?> type, String txn) throws InterruptedException {
        return await(r -> {
            SetupTransaction st = r.message().getSetupTransaction();
            return st != null && st.mode().orElse(null) == mode && type.isInstance(st.getPrimitive())
                    && (txn == null || txn.equals(st.getTransactionId()));
        }, Duration.ofSeconds(10)).message().getSetupTransaction();
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        SspMessage message;
        try {
            message = codec.decode(body);
        } catch (Exception e) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            throw new IOException("server sent a message the probe cannot decode", e);
        }
        if (message.getSession() != null && message.getSession().getTransactions().stream().anyMatch(crashOn)) {
            dropped.incrementAndGet();
            exchange.close(); // no status line: the JDK server closes the connection, as a crashing peer would
            return;
        }
        boolean laterSetup = message.getSetupTransaction() != null
                && !(message.getSetupTransaction().getPrimitive() instanceof SendSecretToken);
        if (redirectSessionPosts && message.getSession() != null || redirectLaterSetupPosts && laterSetup) {
            redirectsAnswered.incrementAndGet();
            exchange.getResponseHeaders().add("Location", url()); // wrong after setup (spec 5.5): must not be followed
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, -1); // the empty 200 at once, as the spec wants of us too
        exchange.close();
        received.add(new Received(message, exchange.getRequestHeaders().getFirst("x-wv-transactionid"),
                exchange.getRequestHeaders().getFirst("x-wv-sessionid"), Instant.now(), body));
        SetupTransaction setup = message.getSetupTransaction();
        if (setup != null && setup.mode().orElse(null) == Mode.REQUEST) {
            accept(setup);
        }
        if (message.getSession() != null) {
            String sid = message.getSession().getSessionId().equals(acceptedServerSessionId)
                    ? ACCEPTED_SESSION_ID : ourSessionId;
            for (Transaction t : message.getSession().getTransactions()) {
                if (t.mode().orElse(null) == Mode.REQUEST) {
                    Optional<String> answer = responder.apply(t);
                    if (answer.isPresent()) {
                        postRaw(answer.get(), Map.of("x-wv-transactionid", t.getTransactionId(),
                                "x-wv-sessionid", sid));
                    }
                }
            }
        }
    }

    /** The acceptor's side of a handshake the server starts: M2 for M1, M4 for M3, M6 for M5. */
    private void accept(SetupTransaction request) throws IOException {
        String txn = request.getTransactionId();
        Object primitive = request.getPrimitive();
        if (primitive instanceof SendSecretToken m1) {
            initiatorSecret = m1.getSecretToken().getValue();
            String ours = "probeacc_" + System.nanoTime();
            post(SspMessage.setup(Mode.RESPONSE, ours, new SendSecretToken("wv:@" + DOMAIN, acceptorSecret)), ours, null);
        } else if (primitive instanceof LoginRequest m3) {
            assertTrue(Secrets.digestMatches(m3.getPasswordDigest().getValue(), acceptorSecret), "server's M3 digest");
            post(SspMessage.setup(Mode.RESPONSE, txn, new LoginRequest("wv:@" + DOMAIN, 3600,
                    Secrets.digestOf(wrongDigest ? initiatorSecret + "0" : initiatorSecret))), txn, null);
        } else if (primitive instanceof LoginResponse m5) {
            acceptedServerSessionId = m5.getSessionId();
            post(SspMessage.setup(Mode.RESPONSE, txn, new LoginResponse(ACCEPTED_SESSION_ID, 3600,
                    new Status(200, null))), txn, null);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.getPort());
        socket.setSoTimeout(15_000);
        return socket;
    }

    private void writeRequest(OutputStream out, byte[] body, String txn, String sid) throws IOException {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("x-wv-transactionid", txn);
        if (sid != null) {
            headers.put("x-wv-sessionid", sid);
        }
        writeRequest(out, body, headers);
    }

    /** One HTTP/1.1 POST of an SSP body with exactly these extension headers. */
    private void writeRequest(OutputStream out, byte[] body, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder()
                .append("POST ").append(target.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(target.getPort()).append("\r\n")
                .append("Content-Type: application/vnd.wv.ssp+xml; charset=UTF-8\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Minimal HTTP/1.1 reply reader: status line, headers, Content-Length body. */
    static HttpReply readReply(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new HttpReply(status, length, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c == -1 && line.size() == 0) {
            throw new IOException("connection closed before a complete HTTP reply");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
