package org.openimps.ssp.session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SessionIdStyle;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.directory.DirectoryChanged;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.protocol.IdGenerator;
import org.openimps.ssp.protocol.PeerTransport.TransportException;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.wire.IdGrammar;
import org.openimps.ssp.wire.LoginRequest;
import org.openimps.ssp.wire.LoginResponse;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.SendSecretToken;
import org.openimps.ssp.wire.SetupTransaction;
import org.openimps.ssp.wire.SspMessage;
import org.openimps.ssp.wire.Status;

/**
 * The six-message session establishment in both roles.
 * <pre>
 *  A (initiator, requestor)                     B (acceptor, provider)
 *  M1 Request  a1 SendSecretToken(secret A)  -&gt;
 *                                            &lt;-  M2 Response b1 SendSecretToken(secret B)
 *  M3 Request  a1 LoginRequest(md5 B)        -&gt;
 *                                            &lt;-  M4 Response a1 LoginRequest(md5 A)
 *  M5 Request  a1 LoginResponse(A's id)      -&gt;
 *                                            &lt;-  M6 Response a1 LoginResponse(B's id)
 * </pre>
 * State is registered before each message is sent, so the answer always finds it. Concurrent senders to a
 * domain share one initiation. Half-finished handshakes expire after {@code handshakeTimeoutSeconds}; a wrong
 * digest forgets the handshake on the spot.
 */
@ApplicationScoped
public class Handshakes {
    private static final Logger LOG = Logger.getLogger(Handshakes.class.getName());
    /** Most half-finished handshakes started by peers at once; a flood of M1s is refused beyond it. */
    static final int MAX_ACCEPTANCES = 256;
    /** Most federation checks waiting at once for a peer to start a handshake. */
    static final int MAX_WATCHES = 8;

    private final Map<String, Initiation> initiationsByDomain = new ConcurrentHashMap<>();
    private final Map<String, Initiation> initiationsByTxn = new ConcurrentHashMap<>();
    private final Map<String, Acceptance> acceptancesByTxn = new ConcurrentHashMap<>();
    private final Map<String, AcceptanceWatch> watches = new ConcurrentHashMap<>();
    private final Secrets secrets = new Secrets();
    private final AtomicLong failures = new AtomicLong();
    private final IdGenerator ids = new IdGenerator();
    private SspConfig config;
    private PeerDirectory directory;
    private SessionRegistry registry;
    private SetupChannel channel;
    private SetupClaims claims;
    private Clock clock;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> sweeper;

    protected Handshakes() {
        // for the CDI client proxy
    }

    @Inject
    public Handshakes(SspConfig config, PeerDirectory directory, SessionRegistry registry, SetupChannel channel,
                      SetupClaims claims, Clock clock, @Ssp ScheduledExecutorService scheduler) {
        this.config = config;
        this.directory = directory;
        this.registry = registry;
        this.channel = channel;
        this.claims = claims;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @PostConstruct
    void startSweeper() {
        if (scheduler != null) {
            sweeper = scheduler.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        initiationsByDomain.values().forEach(i -> fail(i, "module stopped"));
    }

    /**
     * The session in which we are the requestor towards this peer: the live one, the handshake already under
     * way, or a new handshake (whose M1 this call sends, on the calling thread). A live session near the end of
     * its timeToLive is still used while a new handshake replaces it.
     */
    public CompletableFuture<PeerSession> requestorSession(PeerConfig peer) {
        Optional<PeerSession> live = registry.current(peer.domain(), Role.REQUESTOR);
        if (live.isPresent()) {
            if (!clock.instant().isBefore(live.get().expiresAt().minus(config.sessionRenewBefore()))) {
                LOG.fine(() -> live.get() + " is near its end; renewing");
                initiate(peer, true, HandshakeTrace.NONE);
            }
            return CompletableFuture.completedFuture(live.get());
        }
        return initiate(peer, false, HandshakeTrace.NONE).result;
    }

    /**
     * A new handshake with the peer for a federation check, even when a session exists (the new session replaces
     * it, as a renewal does), reported step by step to {@code trace}. When a handshake with the peer is already
     * under way, its outcome is the check's, and the trace hears only that.
     */
    public CompletableFuture<PeerSession> checkSession(PeerConfig peer, HandshakeTrace trace) {
        Initiation init = initiate(peer, true, trace);
        if (init.trace != trace) {
            trace.seen("M1", "a handshake with " + peer.domain() + " was already under way (txn " + init.transactionId
                    + "); its outcome is reported");
        }
        return init.result;
    }

    /**
     * Watches for the next handshake the peer starts with us, for a federation check where the peer initiates;
     * empty when a check watches that peer already, or {@link #MAX_WATCHES} checks wait.
     */
    public Optional<AcceptanceWatch> watchAcceptance(String peerDomain, HandshakeTrace trace) {
        String domain = peerDomain.toLowerCase(Locale.ROOT);
        if (watches.size() >= MAX_WATCHES) {
            return Optional.empty();
        }
        AcceptanceWatch[] made = new AcceptanceWatch[1];
        watches.computeIfAbsent(domain, d -> made[0] = new AcceptanceWatch(d, trace, () -> {
            watches.remove(d, made[0]);
            made[0].failed("the check stopped waiting");
        }));
        return Optional.ofNullable(made[0]);
    }

    /** The watch a handshake the peer starts now reports to, if a check waits for one. */
    private Optional<AcceptanceWatch> takeWatch(String peerDomain) {
        return Optional.ofNullable(watches.get(peerDomain.toLowerCase(Locale.ROOT))).filter(AcceptanceWatch::take);
    }

    /** Drops the sessions of peers a directory reload denied or removed. */
    void onDirectoryChanged(@Observes DirectoryChanged change) {
        change.domains().stream().filter(d -> directory.find(d).isEmpty()).forEach(d -> {
            initiationsByDomain.values().stream().filter(i -> i.domain().equals(d)).forEach(i -> fail(i, "peer denied"));
            registry.removeDomain(d);
        });
    }

    /** Starts a handshake unless one is under way; {@code renewal}: a live session is being replaced on purpose. */
    private Initiation initiate(PeerConfig peer, boolean renewal, HandshakeTrace trace) {
        Initiation fresh = new Initiation(peer, ids.nextTransactionId(), secrets.newSecret(peer.secretEncoding()),
                clock.instant().plus(config.handshakeTimeout()), trace);
        Initiation existing = initiationsByDomain.putIfAbsent(fresh.domain(), fresh);
        if (existing != null) {
            return existing;
        }
        // A handshake that finished after the caller found no session, and before this put, has registered its
        // session and left the map: use that session rather than start a second handshake.
        Optional<PeerSession> finished = renewal ? Optional.empty() : registry.current(peer.domain(), Role.REQUESTOR);
        if (finished.isPresent()) {
            initiationsByDomain.remove(fresh.domain(), fresh);
            fresh.result.complete(finished.get());
            return fresh;
        }
        if (!claim(fresh)) {
            return fresh;
        }
        initiationsByTxn.put(fresh.transactionId, fresh);
        LOG.info(() -> "starting session establishment with " + peer.domain() + " txn " + fresh.transactionId);
        send(fresh, SspMessage.setup(Mode.REQUEST, fresh.transactionId, secretToken(peer, fresh.ourSecret)), true);
        return fresh;
    }

    /**
     * Claims the establishment for this node (several nodes of the domain: one at a time per peer, so the peer's M2
     * can be sent on to the right node); a refused claim fails this attempt, and the caller's retry tries again.
     */
    private boolean claim(Initiation init) {
        boolean held;
        try {
            held = claims.begin(init.domain());
        } catch (RuntimeException e) {
            fail(init, "the node table cannot be read: " + e.getMessage());
            return false;
        }
        if (!held) {
            fail(init, "another node of " + config.domain() + " is establishing a session with " + init.domain()
                    + " now");
        }
        return held;
    }

    /** Whether this node is establishing a session with the peer as requestor (its M2 is ours to take). */
    public boolean initiating(String peerDomain) {
        return initiationsByDomain.containsKey(peerDomain.toLowerCase(Locale.ROOT));
    }

    private SendSecretToken secretToken(PeerConfig peer, String secret) {
        return new SendSecretToken(ServiceIds.of(config.domain()), secret,
                Secrets.attributeFor(peer.secretEncoding()));
    }

    /**
     * Handles one inbound setup message that arrived with this TLS identity; a peer whose policy asks for mutual
     * TLS must present a client certificate naming its domain with its M1.
     */
    public SetupOutcome onSetup(SetupTransaction tx, PeerIdentity identity) {
        return onSetup(tx, identity, SetupHeaders.NONE);
    }

    /** The same, with the header extensions the message came with (a check of ours reports them). */
    public SetupOutcome onSetup(SetupTransaction tx, PeerIdentity identity, SetupHeaders headers) {
        Mode mode = tx.mode().orElse(null);
        Object primitive = tx.getPrimitive();
        String txn = tx.getTransactionId();
        if (mode == null || !IdGrammar.isAcceptable(txn)) {
            return reject(txn, "setup transaction without a valid mode and transactionID");
        }
        if (primitive instanceof SendSecretToken token) {
            return mode == Mode.REQUEST ? onSecretFromInitiator(txn, token, identity, headers.describe(txn))
                    : onSecretFromAcceptor(token, headers.describe(txn));
        }
        if (primitive instanceof LoginRequest login) {
            return mode == Mode.REQUEST ? onDigestFromInitiator(txn, login, headers.describe(txn))
                    : onDigestFromAcceptor(txn, login, headers.describe(txn));
        }
        if (primitive instanceof LoginResponse login) {
            return mode == Mode.REQUEST ? onSessionFromInitiator(txn, login, headers.describe(txn))
                    : onSessionFromAcceptor(txn, login, headers.describe(txn));
        }
        return reject(txn, "setup transaction carries no SendSecretToken, LoginRequest or LoginResponse");
    }

    /** M1, as acceptor. */
    private SetupOutcome onSecretFromInitiator(String txn, SendSecretToken token, PeerIdentity identity,
                                               String headers) {
        Optional<String> from = ServiceIds.domainOf(token.getServiceId());
        Optional<PeerConfig> peer = from.flatMap(directory::find);
        String theirSecret = token.getSecretToken() == null ? null : token.getSecretToken().getValue();
        Optional<AcceptanceWatch> watch = from.flatMap(this::takeWatch);
        watch.ifPresent(w -> w.trace().seen("M1", "SendSecretToken from serviceID " + token.getServiceId() + " (txn "
                + txn + "), " + describeSecret(token) + ", TLS client certificate: " + identity + headers));
        String refused = peer.isEmpty() ? "SendSecretToken from serviceID " + token.getServiceId() + ", not an allowed peer"
                : peer.get().mutualTls() && !identity.proves(peer.get().domain()) ? "SendSecretToken from "
                        + peer.get().domain() + " came with " + identity + "; mutual TLS requires one for "
                        + peer.get().domain() + "; no session"
                : theirSecret == null || theirSecret.isBlank() ? "SendSecretToken from " + peer.get().domain()
                        + " without a secret"
                : acceptancesByTxn.size() >= MAX_ACCEPTANCES && !acceptancesByTxn.containsKey(txn) ? "M1 from "
                        + peer.get().domain() + " while " + MAX_ACCEPTANCES + " handshakes are already half-finished"
                : null;
        if (refused != null) {
            watch.ifPresent(w -> w.failed(refused));
            return reject(txn, refused);
        }
        Acceptance acceptance = new Acceptance(peer.get(), txn, theirSecret.strip(),
                secrets.newSecret(peer.get().secretEncoding()),
                clock.instant().plus(config.handshakeTimeout()), watch.orElse(null));
        Acceptance previous = acceptancesByTxn.put(txn, acceptance);
        if (previous != null && !previous.peer.domain().equalsIgnoreCase(acceptance.peer.domain())) {
            acceptancesByTxn.put(txn, previous);
            String reused = "M1 from " + acceptance.peer.domain() + " reuses the txn id of a handshake with "
                    + previous.peer.domain();
            watch.ifPresent(w -> w.failed(reused));
            return reject(txn, reused);
        }
        String ourTxn = ids.nextTransactionId();
        LOG.info(() -> "session establishment requested by " + acceptance.peer.domain() + " txn " + txn);
        send(acceptance, "M2", SspMessage.setup(Mode.RESPONSE, ourTxn, secretToken(acceptance.peer, acceptance.ourSecret)),
                ourTxn, true);
        return SetupOutcome.DONE;
    }

    /** A received secret's form, in words: peers differ (32 hex characters, base64, with or without encoding). */
    private static String describeSecret(SendSecretToken token) {
        String secret = token.getSecretToken() == null || token.getSecretToken().getValue() == null ? ""
                : token.getSecretToken().getValue().strip();
        String encoding = token.getSecretToken() == null ? null : token.getSecretToken().getEncoding();
        return "secret of " + secret.length() + " characters, " + (secret.matches("[0-9a-fA-F]+") ? "hex"
                : "not hex (base64 or other)") + (encoding == null ? ", no encoding attribute" : ", encoding=\""
                + encoding + "\"");
    }

    /** M2, as initiator: the acceptor's secret, under the acceptor's own transaction id. */
    private SetupOutcome onSecretFromAcceptor(SendSecretToken token, String headers) {
        Initiation init = ServiceIds.domainOf(token.getServiceId()).map(initiationsByDomain::get).orElse(null);
        String theirSecret = token.getSecretToken() == null ? null : token.getSecretToken().getValue();
        if (init == null) {
            return SetupOutcome.NOT_YET;
        }
        if (theirSecret == null || theirSecret.isBlank()) {
            fail(init, "M2 carries no secret");
            return SetupOutcome.REJECTED;
        }
        synchronized (init) {
            if (init.step != Initiation.Step.AWAIT_M2) {
                return SetupOutcome.NOT_YET;
            }
            init.step = Initiation.Step.AWAIT_M4;
        }
        init.trace.seen("M2", "SendSecretToken from " + token.getServiceId() + ", " + describeSecret(token) + headers);
        // traced before it goes: the peer's M4 may come back before the send returns
        init.trace.seen("M3", "LoginRequest with the digest of their secret, sent to " + endpointOf(init));
        send(init, SspMessage.setup(Mode.REQUEST, init.transactionId, new LoginRequest(ServiceIds.of(config.domain()),
                config.sessionTimeToLiveSeconds(), Secrets.digestOf(theirSecret))), false);
        return SetupOutcome.DONE;
    }

    /** M3, as acceptor: check the digest of our secret, then prove we know theirs. */
    private SetupOutcome onDigestFromInitiator(String txn, LoginRequest login, String headers) {
        Acceptance acc = acceptancesByTxn.get(txn);
        if (acc == null) {
            return SetupOutcome.NOT_YET;
        }
        Optional<String> domain = ServiceIds.domainOf(login.getServiceId());
        if (domain.isPresent() && !domain.get().equalsIgnoreCase(acc.peer.domain())) {
            return reject(txn, "LoginRequest from " + domain.get() + " in a handshake with " + acc.peer.domain());
        }
        synchronized (acc) {
            if (acc.step != Acceptance.Step.AWAIT_M3) {
                return SetupOutcome.NOT_YET;
            }
            String digest = login.getPasswordDigest() == null ? null : login.getPasswordDigest().getValue();
            if (!Secrets.digestMatches(digest, acc.ourSecret)) {
                acceptancesByTxn.remove(txn, acc);
                acc.trace().seen("M3", "LoginRequest whose digest does not match our secret" + headers);
                acc.failed("wrong password digest in M3");
                return reject(txn, "wrong password digest from " + acc.peer.domain() + "; no session");
            }
            acc.trace().seen("M3", "LoginRequest with the right digest of our secret, timeToLive "
                    + login.getTimeToLive() + headers);
            acc.step = Acceptance.Step.AWAIT_M5;
            acc.theirTimeToLive = login.getTimeToLive();
        }
        acc.trace().seen("M4", "LoginRequest with the digest of their secret, sent to " + endpointOf(acc));
        send(acc, "M4", SspMessage.setup(Mode.RESPONSE, txn, new LoginRequest(ServiceIds.of(config.domain()),
                config.sessionTimeToLiveSeconds(), Secrets.digestOf(acc.theirSecret))), txn, false);
        return SetupOutcome.DONE;
    }

    /** M4, as initiator: check the acceptor's digest of our secret, then name our session id. */
    private SetupOutcome onDigestFromAcceptor(String txn, LoginRequest login, String headers) {
        Initiation init = initiationsByTxn.get(txn);
        if (init == null) {
            return SetupOutcome.NOT_YET;
        }
        synchronized (init) {
            if (init.step != Initiation.Step.AWAIT_M4) {
                return SetupOutcome.NOT_YET;
            }
            String digest = login.getPasswordDigest() == null ? null : login.getPasswordDigest().getValue();
            if (!Secrets.digestMatches(digest, init.ourSecret)) {
                init.trace.seen("M4", "LoginRequest whose digest does not match our secret" + headers);
                fail(init, "wrong password digest in M4");
                return SetupOutcome.REJECTED;
            }
            init.trace.seen("M4", "LoginRequest with the right digest of our secret, timeToLive " + login.getTimeToLive()
                    + headers);
            init.step = Initiation.Step.AWAIT_M6;
            init.theirTimeToLive = login.getTimeToLive();
            init.ourSessionId = newSessionId(init.peer);
        }
        init.trace.seen("M5", "LoginResponse naming our session id " + init.ourSessionId); // before its M6 can come
        send(init, SspMessage.setup(Mode.REQUEST, txn, new LoginResponse(init.ourSessionId,
                config.sessionTimeToLiveSeconds(), StatusCode.OK.toStatus())), false);
        return SetupOutcome.DONE;
    }

    /** M5, as acceptor: the initiator's session id; the session exists once we registered it. */
    private SetupOutcome onSessionFromInitiator(String txn, LoginResponse login, String headers) {
        Acceptance acc = acceptancesByTxn.get(txn);
        if (acc == null) {
            return SetupOutcome.NOT_YET;
        }
        synchronized (acc) {
            if (acc.step != Acceptance.Step.AWAIT_M5) {
                return SetupOutcome.NOT_YET;
            }
            acceptancesByTxn.remove(txn, acc);
        }
        acc.trace().seen("M5", "LoginResponse with status " + login.getStatus() + " and their session id "
                + login.getSessionId() + sessionIdStyle(login.getSessionId()) + headers);
        if (!isSuccess(login.getStatus()) || !IdGrammar.isAcceptable(login.getSessionId())) {
            String refused = "M5 from " + acc.peer.domain() + " has status " + login.getStatus() + " and session id "
                    + login.getSessionId() + "; no session";
            acc.failed(refused);
            return reject(txn, refused);
        }
        String ourSessionId = newSessionId(acc.peer);
        PeerSession session = new PeerSession(acc.peer.domain(), Role.PROVIDER, ourSessionId, login.getSessionId(),
                expiry(acc.theirTimeToLive), endpointOf(acc));
        Status status = StatusCode.OK.toStatus();
        try {
            registry.add(session);
            LOG.info(() -> "session " + ourSessionId + " established with " + acc.peer.domain() + " (we provide)");
        } catch (SessionSetupException e) {
            LOG.warning(() -> "session with " + acc.peer.domain() + " txn " + txn + " refused: " + e.getMessage());
            status = StatusCode.SESSION_SETUP_FAILED.toStatus(e.getMessage());
        }
        acc.trace().seen("M6", "LoginResponse naming our session id " + ourSessionId + ", status " + status.getCode()
                + ", sent to " + endpointOf(acc));
        send(acc, "M6", SspMessage.setup(Mode.RESPONSE, txn, new LoginResponse(ourSessionId,
                config.sessionTimeToLiveSeconds(), status)), txn, false);
        if (status.getCode() == StatusCode.OK.code()) {
            acc.established(session);
        } else {
            acc.failed(status.getDescription());
        }
        return SetupOutcome.DONE;
    }

    private static String sessionIdStyle(String sessionId) {
        return sessionId != null && sessionId.contains("@") ? " (<n>@<domain> style)" : " (opaque style)";
    }

    /** M6, as initiator: the acceptor's session id completes the session. */
    private SetupOutcome onSessionFromAcceptor(String txn, LoginResponse login, String headers) {
        Initiation init = initiationsByTxn.get(txn);
        if (init == null) {
            return SetupOutcome.NOT_YET;
        }
        synchronized (init) {
            if (init.step != Initiation.Step.AWAIT_M6) {
                return SetupOutcome.NOT_YET;
            }
        }
        init.trace.seen("M6", "LoginResponse with status " + login.getStatus() + " and their session id "
                + login.getSessionId() + sessionIdStyle(login.getSessionId()) + headers);
        if (!isSuccess(login.getStatus()) || !IdGrammar.isAcceptable(login.getSessionId())) {
            fail(init, "M6 has status " + login.getStatus() + " and session id " + login.getSessionId());
            return SetupOutcome.REJECTED;
        }
        PeerSession session = new PeerSession(init.peer.domain(), Role.REQUESTOR, init.ourSessionId,
                login.getSessionId(), expiry(init.theirTimeToLive), endpointOf(init));
        try {
            registry.add(session);
        } catch (SessionSetupException e) {
            fail(init, e.getMessage());
            return SetupOutcome.REJECTED;
        }
        forget(init);
        LOG.info(() -> session + " established (we request), txn " + txn);
        init.result.complete(session);
        return SetupOutcome.DONE;
    }

    /** Fails handshakes whose deadline has passed, and drops sessions whose timeToLive has. */
    public void expire() {
        registry.expire();
        Instant now = clock.instant();
        initiationsByDomain.values().stream().filter(i -> now.isAfter(i.deadline))
                .forEach(i -> fail(i, "no answer within " + config.handshakeTimeout().toSeconds() + " s"));
        acceptancesByTxn.values().removeIf(a -> {
            boolean expired = now.isAfter(a.deadline);
            if (expired) {
                LOG.info(() -> "handshake from " + a.peer.domain() + " txn " + a.transactionId + " expired");
                a.failed("the peer did not go on within " + config.handshakeTimeout().toSeconds() + " s (waiting for "
                        + (a.step == Acceptance.Step.AWAIT_M3 ? "M3" : "M5") + ")");
            }
            return expired;
        });
    }

    /** Handshakes under way, for bounds and status pages. */
    public int inProgress() {
        return initiationsByDomain.size() + acceptancesByTxn.size();
    }

    /**
     * Sends an initiator's step. The first holds the initiation's monitor until the peer took it: its M2 may come
     * before this call returns, and M3 must go where M1 went.
     */
    private void send(Initiation init, SspMessage message, boolean firstSecretToken) {
        try {
            if (firstSecretToken) {
                synchronized (init) {
                    init.endpoint = channel.send(init.peer, null, message, init.transactionId, true);
                    // still under the monitor: the peer's M2, which may come first, is traced after this
                    init.trace.seen("M1", "SendSecretToken (txn " + init.transactionId + ", "
                            + init.peer.secretEncoding() + " secret) taken at " + init.endpoint);
                }
            } else {
                channel.send(init.peer, endpointOf(init), message, init.transactionId, false);
            }
        } catch (TransportException e) {
            fail(init, "cannot reach " + init.peer.domain() + ": " + e.getMessage());
        }
    }

    /** Sends an acceptor's step; if the peer cannot be reached the half-finished handshake is forgotten. */
    private void send(Acceptance acc, String step, SspMessage message, String headerTxn, boolean firstSecretToken) {
        try {
            if (firstSecretToken) {
                synchronized (acc) {
                    acc.endpoint = channel.send(acc.peer, null, message, headerTxn, true);
                    // still under the monitor: the peer's M3, which may come first, is traced after this
                    acc.trace().seen(step, "SendSecretToken with our secret (txn " + headerTxn + ", "
                            + acc.peer.secretEncoding() + ") taken at " + acc.endpoint);
                }
            } else {
                channel.send(acc.peer, endpointOf(acc), message, headerTxn, false);
            }
        } catch (TransportException e) {
            acceptancesByTxn.remove(acc.transactionId, acc);
            acc.failed("cannot send " + step + " to " + acc.peer.domain() + ": " + e.getMessage());
            LOG.warning(() -> step + " to " + acc.peer.domain() + " for txn " + acc.transactionId + " failed: "
                    + e.getMessage());
        }
    }

    private static URI endpointOf(Initiation init) {
        synchronized (init) {
            return init.endpoint;
        }
    }

    private static URI endpointOf(Acceptance acc) {
        synchronized (acc) {
            return acc.endpoint;
        }
    }

    private void fail(Initiation init, String reason) {
        forget(init);
        failures.incrementAndGet();
        LOG.log(Level.WARNING, "session establishment with {0} txn {1} failed: {2}",
                new Object[] {init.peer.domain(), init.transactionId, reason});
        init.result.completeExceptionally(new SessionSetupException(
                "session with " + init.peer.domain() + " failed: " + reason));
    }

    private void forget(Initiation init) {
        if (initiationsByDomain.remove(init.domain(), init)) {
            try {
                claims.end(init.domain());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "claim on " + init.domain() + " not given back; it lapses", e);
            }
        }
        initiationsByTxn.remove(init.transactionId, init);
    }

    /** Handshakes that failed or were refused since start, in both roles. */
    public long failures() {
        return failures.get();
    }

    private SetupOutcome reject(String txn, String reason) {
        failures.incrementAndGet();
        LOG.warning(() -> "setup txn " + txn + " refused: " + reason);
        return SetupOutcome.REJECTED;
    }

    private String newSessionId(PeerConfig peer) {
        return peer.sessionIdStyle() == SessionIdStyle.NUMBER_AT_DOMAIN
                ? ids.newDomainSessionId(config.domain()) : ids.newSessionId();
    }

    private Instant expiry(Integer theirTimeToLive) {
        int ttl = config.sessionTimeToLiveSeconds();
        if (theirTimeToLive != null && theirTimeToLive > 0) {
            ttl = Math.min(ttl, theirTimeToLive);
        }
        return clock.instant().plusSeconds(ttl);
    }

    private static boolean isSuccess(Status status) {
        return status == null || status.getCode() == StatusCode.OK.code();
    }
}
