package org.openimps.ssp.check;

import static org.openimps.ssp.check.EndpointProbe.millisSince;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.openimps.ssp.binding.http.outbound.JerseyPeerTransport;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.directory.DiscoveryException;
import org.openimps.ssp.directory.HostAddresses;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.directory.SrvLookup;
import org.openimps.ssp.directory.SrvRecord;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.binding.http.outbound.KeepAliveSeen;
import org.openimps.ssp.check.CheckRequest.Initiator;
import org.openimps.ssp.session.AcceptanceWatch;
import org.openimps.ssp.session.HandshakeTrace;
import org.openimps.ssp.session.Handshakes;
import org.openimps.ssp.session.PeerSession;
import org.openimps.ssp.session.Role;
import org.openimps.ssp.session.SessionRegistry;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.wire.GetPresenceRequest;

/**
 * Runs a federation check against one domain, step by step, each bounded in time: discovery, reachability and TLS
 * per endpoint, a real session establishment with the time of each message (we initiate, or we wait for the peer's
 * M1 and answer it), transport behaviour (a short pipelined burst in our session: pipelining, keep-alive, S-011),
 * and a round trip to a named user. A failed step skips the steps that need it. It leaves nothing behind but the
 * session it made, which replaces any earlier one as a renewal would.
 */
public final class DomainChecker {
    private static final Logger LOG = Logger.getLogger(DomainChecker.class.getName());
    /** Endpoints probed at most (SRV may list many). */
    static final int MAX_ENDPOINTS = 4;
    /** GetPresence requests in the pipelined burst. */
    static final int BURST = 4;
    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration RESOLVE = Duration.ofSeconds(3);

    private final SspConfig config;
    private final PeerDirectory directory;
    private final SrvLookup srv;
    private final HostAddresses addresses;
    private final Handshakes handshakes;
    private final SessionRegistry registry;
    private final Federation federation;
    private final JerseyPeerTransport transport;
    private final Clock clock;
    /** The container's managed executor: the checks run on it, and the host name lookups they bound in time. */
    private final Executor executor;
    /** Checks running now, at most {@link #MAX_RUNNING}: each holds a worker thread for up to a minute. */
    private final Semaphore running = new Semaphore(MAX_RUNNING);
    /** Checks that may run at once. */
    public static final int MAX_RUNNING = 2;

    public DomainChecker(SspConfig config, PeerDirectory directory, SrvLookup srv, HostAddresses addresses,
                         Handshakes handshakes, SessionRegistry registry, Federation federation,
                         JerseyPeerTransport transport, Clock clock, Executor executor) {
        this.config = config;
        this.directory = directory;
        this.srv = srv;
        this.addresses = addresses;
        this.handshakes = handshakes;
        this.registry = registry;
        this.federation = federation;
        this.transport = transport;
        this.clock = clock;
        this.executor = executor;
    }

    /** Runs a check on the executor; empty when {@link #MAX_RUNNING} checks are running already. */
    public Optional<CompletableFuture<CheckReport>> start(CheckRequest request, String operator) {
        if (!running.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CompletableFuture.supplyAsync(() -> check(request, operator), executor)
                    .whenComplete((report, error) -> running.release()));
        } catch (RuntimeException e) {
            running.release(); // the executor refused it
            throw e;
        }
    }

    /** Runs every step; never throws for what the peer does (that is the report). */
    public CheckReport check(CheckRequest request, String operator) {
        String domain = request.domain() == null ? "" : request.domain().strip().toLowerCase(Locale.ROOT);
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        LOG.info(() -> "federation check of " + domain + " started by " + operator);
        List<CheckStep> steps = new ArrayList<>();
        Discovery found = discover(domain, request.url(), steps);
        Optional<PeerSession> session = Optional.empty();
        if (found == null) {
            steps.add(CheckStep.skipped("Reachability", "not tried: no endpoint found"));
            steps.add(CheckStep.skipped("SSP session", "not tried: no endpoint found"));
        } else if (!reach(found, steps)) {
            steps.add(CheckStep.skipped("SSP session", "not tried: the peer cannot be reached"));
        } else if (request.initiator() == Initiator.PEER) {
            session = awaitPeer(found.peer, request.peerWait(), steps);
        } else {
            session = establish(found, steps);
        }
        if (session.isPresent() && request.initiator() == Initiator.PEER) {
            // our requests would go in a session we initiate: that is the other check, not this one
            String why = "not run when the peer initiates: our requests go in a session we initiate (check again with"
                    + " us initiating)";
            steps.add(CheckStep.skipped("Transport", why));
            steps.add(CheckStep.skipped("Round trip", why));
        } else if (session.isPresent()) {
            transport(found.peer, steps);
            roundTrip(domain, request.user(), steps);
        } else {
            steps.add(CheckStep.skipped("Transport", "not tried: no session"));
            steps.add(CheckStep.skipped("Round trip", "not tried: no session"));
        }
        CheckReport report = CheckReport.of(domain, config.domain() + " (node " + config.nodeId() + ")", started,
                (System.nanoTime() - t0) / 1_000_000, steps);
        LOG.info(() -> "federation check of " + domain + " by " + operator + ": " + report.verdict());
        return report;
    }

    /** The peer's policy and its endpoints, best first. */
    private record Discovery(PeerConfig peer, List<URI> endpoints) {

        /** The endpoints a check probes: the first {@link #MAX_ENDPOINTS}. */
        List<URI> probed() {
            return endpoints.subList(0, Math.min(MAX_ENDPOINTS, endpoints.size()));
        }
    }

    private Discovery discover(String domain, String url, List<CheckStep> steps) {
        long t0 = System.nanoTime();
        List<String> saw = new ArrayList<>();
        if (!domain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            steps.add(new CheckStep("Discovery", Verdict.FAIL, 0, saw, "\"" + domain + "\" is not a domain name",
                    "give the peer's IMPS domain, e.g. example.com"));
            return null;
        }
        Optional<PeerConfig> configured = directory.find(domain);
        PeerConfig peer;
        if (url != null && !url.isBlank()) {
            String given = url.strip();
            peer = configured.map(p -> p.withUrl(given)).orElseGet(() -> new PeerConfig(domain, given));
            saw.add("URL given for the check: " + url.strip());
        } else if (configured.isEmpty()) {
            steps.add(new CheckStep("Discovery", Verdict.FAIL, millisSince(t0), saw, domain + " is not a peer we"
                    + " federate with: not listed (or denied), and open federation is off",
                    "list it under \"peers\" (with its url, or none to find it by DNS SRV), or turn on openFederation"));
            return null;
        } else {
            peer = configured.get();
            saw.add(directory.listed().stream().anyMatch(p -> p.key().equals(domain)) ? "listed peer" : "unlisted peer,"
                    + " allowed by open federation");
        }
        List<URI> endpoints;
        try {
            if (peer.hasUrl()) {
                saw.add("URL " + peer.url() + " (no DNS SRV lookup)");
            } else {
                List<SrvRecord> records = srv.lookup(domain);
                if (records.isEmpty()) {
                    steps.add(new CheckStep("Discovery", Verdict.FAIL, millisSince(t0), saw, "no "
                            + SrvLookup.SERVICE + domain + " SRV records", "publish SRV records for the domain's"
                            + " IMPS server, or list the peer with its url"));
                    return null;
                }
                records.forEach(r -> saw.add("SRV " + SrvLookup.SERVICE + domain + ": priority " + r.priority()
                        + ", weight " + r.weight() + ", " + r.host() + ":" + r.port() + ", TTL " + r.ttlSeconds() + " s"));
            }
            endpoints = directory.endpoints(peer);
        } catch (DiscoveryException e) {
            steps.add(new CheckStep("Discovery", Verdict.FAIL, millisSince(t0), saw, "DNS did not answer usably: "
                    + e.getMessage(), "check the DNS servers in the configuration (\"dns\") and the peer's zone"));
            return null;
        }
        saw.add("endpoints in the order the module tries them: " + endpoints);
        directory.pinned(peer).ifPresent(p -> saw.add("the last handshake reached " + p + "; a new one starts there"));
        steps.add(new CheckStep("Discovery", Verdict.PASS, millisSince(t0), saw, "the module would use "
                + endpoints.get(0), null));
        return new Discovery(peer, endpoints);
    }

    /** Passes when at least one endpoint connects (and for https, its TLS would carry our traffic). */
    private boolean reach(Discovery found, List<CheckStep> steps) {
        long t0 = System.nanoTime();
        List<String> saw = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String advice = null;
        int good = 0;
        for (URI endpoint : found.probed()) {
            Optional<InetAddress[]> resolved = resolve(endpoint.getHost());
            if (resolved.isEmpty()) {
                saw.add(endpoint + ": " + endpoint.getHost() + " resolves to no address");
                problems.add(endpoint.getHost() + " resolves to no address");
                advice = "the SRV target (or URL host) must have an A or AAAA record";
                continue;
            }
            saw.add(endpoint + ": " + endpoint.getHost() + " is " + Arrays.stream(resolved.get())
                    .map(InetAddress::getHostAddress).toList());
            EndpointProbe.Result result = EndpointProbe.probe(endpoint, resolved.get()[0], found.peer, CONNECT);
            result.saw().forEach(line -> saw.add("  " + line));
            if (result.problem() == null) {
                good++;
            } else {
                problems.add(endpoint + ": " + result.problem());
                advice = advice == null ? result.advice() : advice;
            }
        }
        Verdict verdict = good == 0 ? Verdict.FAIL : problems.isEmpty() ? Verdict.PASS : Verdict.WARN;
        String summary = good == 0 ? String.join("; ", problems)
                : good + " of " + found.probed().size() + " endpoint(s) reachable" + (problems.isEmpty() ? ""
                        : "; " + String.join("; ", problems));
        steps.add(new CheckStep("Reachability", verdict, millisSince(t0), saw, summary, verdict == Verdict.PASS ? null
                : advice));
        return good > 0;
    }

    /** The host's addresses: from discovery's DNS answers, else the system resolver, within {@link #RESOLVE}. */
    private Optional<InetAddress[]> resolve(String host) {
        Optional<InetAddress[]> cached = addresses.lookup(host);
        if (cached.isPresent()) {
            return cached;
        }
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                return new InetAddress[0];
            }
        }, executor);
        try {
            InetAddress[] found = lookup.get(RESOLVE.toMillis(), TimeUnit.MILLISECONDS);
            return found.length == 0 ? Optional.empty() : Optional.of(found);
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<PeerSession> establish(Discovery found, List<CheckStep> steps) {
        PeerConfig peer = found.peer;
        long t0 = System.nanoTime();
        List<String> saw = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<PeerSession> session = handshakes.checkSession(peer, timed(saw, t0));
        Duration bound = config.handshakeTimeout().plusSeconds(2);
        try {
            PeerSession established = session.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            saw.add("content type: every setup message came as application/vnd.wv.ssp+xml (S-010: others are"
                    + " refused with 415 before the handshake sees them)");
            saw.add("session: ours " + established.ourSessionId() + ", theirs " + established.theirSessionId()
                    + ", until " + established.expiresAt() + ", traffic to " + established.endpoint());
            boolean redirected = established.endpoint() != null && !found.endpoints.contains(established.endpoint());
            saw.add(redirected ? "redirect: M1, our first SendSecretToken, was redirected to " + established.endpoint()
                    + "; S-011 allows a redirect there, and this setup and its session stay at that endpoint"
                    : "redirect: none (S-011 would allow one only on the first SendSecretToken)");
            steps.add(sessionStep(Verdict.PASS, t0, saw, "session established (M1..M6, we initiated) in "
                    + millisSince(t0) + " ms", null));
            return Optional.of(established);
        } catch (ExecutionException e) {
            String why = causeOf(e);
            steps.add(sessionStep(Verdict.FAIL, t0, saw, breaksS011(why)
                    ? why + " (S-011: a redirect is allowed only on the first SendSecretToken of a connection)"
                    : why, advice(why)));
        } catch (TimeoutException e) {
            steps.add(sessionStep(Verdict.FAIL, t0, saw, "no session within " + bound.toSeconds() + " s",
                    "the peer took our SendSecretToken but did not go on: check that its directory lists "
                            + config.domain() + " with a URL it can reach (it answers on its own connection)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            steps.add(sessionStep(Verdict.FAIL, t0, saw, "interrupted", null));
        }
        return Optional.empty();
    }

    /** The SSP session step, with what it saw so far. */
    private static CheckStep sessionStep(Verdict verdict, long t0, List<String> saw, String summary, String advice) {
        return new CheckStep("SSP session", verdict, millisSince(t0), List.copyOf(saw), summary, advice);
    }

    /** Each handshake message into {@code saw}, with its time since {@code t0}. */
    private static HandshakeTrace timed(List<String> saw, long t0) {
        return (message, detail) -> saw.add(message + " at " + millisSince(t0) + " ms: " + detail);
    }

    private static String causeOf(ExecutionException e) {
        return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    }

    /** The transport's words for a 3xx where spec 5.5 (S-011) forbids one. */
    private static boolean breaksS011(String why) {
        return why != null && why.contains(JerseyPeerTransport.REDIRECT_NOT_ALLOWED);
    }

    private static String advice(String why) {
        if (breaksS011(why)) {
            return "the peer (or a load balancer in front of it) redirects POSTs after the first SendSecretToken: it"
                    + " must redirect only that one, and route the rest of the connection to the node it chose";
        }
        if (why.contains("digest")) {
            return "the peer does not prove it knows our secret: its SSP implementation computes the digest"
                    + " differently, or something between us alters the messages";
        }
        if (why.contains("cannot reach")) {
            return "the endpoint answered TCP (and TLS) but not the SSP POST: check the URL's path";
        }
        return "see the peer's logs for the same transaction id";
    }

    /**
     * Waits up to {@code wait} for the peer to start a session establishment with us, answers it as the module
     * always does, and reports each message from our side: the peer's requestor session towards us, made by it.
     */
    private Optional<PeerSession> awaitPeer(PeerConfig peer, Duration wait, List<CheckStep> steps) {
        long t0 = System.nanoTime();
        List<String> saw = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        HandshakeTrace timed = timed(saw, t0);
        HandshakeTrace trace = (message, detail) -> {
            timed.seen(message, detail);
            started.complete(null);
        };
        Optional<PeerSession> held = registry.current(peer.domain(), Role.PROVIDER);
        held.ifPresent(s -> saw.add("the peer has a session with us already (ours " + s.ourSessionId() + ", until "
                + s.expiresAt() + "): a peer starts a new one when it has none, or when that one nears its end"));
        Optional<AcceptanceWatch> watch = handshakes.watchAcceptance(peer.domain(), trace);
        if (watch.isEmpty()) {
            steps.add(new CheckStep("SSP session", Verdict.FAIL, 0, List.copyOf(saw), "another check waits for "
                    + peer.domain() + " to start a session already", "try again when it has finished"));
            return Optional.empty();
        }
        saw.add("waiting up to " + wait.toSeconds() + " s for " + peer.domain() + " to send M1 (SendSecretToken) to "
                + config.domain());
        Duration rest = config.handshakeTimeout().plusSeconds(2);
        try (AcceptanceWatch w = watch.get()) {
            started.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            PeerSession made = w.result().get(rest.toMillis(), TimeUnit.MILLISECONDS);
            saw.add("session: ours " + made.ourSessionId() + ", theirs " + made.theirSessionId() + ", until "
                    + made.expiresAt() + ", our answers to " + made.endpoint());
            steps.add(sessionStep(Verdict.PASS, t0, saw, "the peer established a session with us (M1..M6, it"
                    + " initiated)", null));
            return Optional.of(made);
        } catch (ExecutionException e) {
            String why = causeOf(e);
            steps.add(sessionStep(Verdict.FAIL, t0, saw, why,
                    why.contains("cannot send") ? "the peer reached us, but we cannot reach it for our answer: check"
                            + " its URL or SRV records and its TLS (the Reachability step)" : advice(why)));
        } catch (TimeoutException e) {
            steps.add(started.isDone() ? sessionStep(Verdict.FAIL, t0, saw, "the peer's handshake did not finish"
                    + " within " + rest.toSeconds() + " s", "see the peer's logs for the same transaction id")
                    : noneStarted(peer, wait, held, saw, t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            steps.add(sessionStep(Verdict.FAIL, t0, saw, "interrupted", null));
        }
        return Optional.empty();
    }

    /**
     * The peer started no handshake while we waited. If it holds a session with us, it has reached us before and
     * has no reason to start another yet: a warning, not a failure.
     */
    private CheckStep noneStarted(PeerConfig peer, Duration wait, Optional<PeerSession> held, List<String> saw,
                                  long t0) {
        String summary = peer.domain() + " did not start a session establishment within " + wait.toSeconds() + " s";
        if (held.isPresent()) {
            return sessionStep(Verdict.WARN, t0, saw, summary + "; it holds a session with us already, so it did"
                    + " reach us", "it starts a new one only when that session nears its end (" + held.get().expiresAt()
                    + "), or after a restart: check again then");
        }
        return sessionStep(Verdict.FAIL, t0, saw, summary, "a peer starts a session when one of its users has"
                + " something for ours: have a user there send a message to a user here while the check waits; check"
                + " that its directory (or DNS SRV for " + config.domain() + ") leads to this server");
    }

    /** A short burst of GetPresence requests in the session, pipelined on one connection. */
    private void transport(PeerConfig peer, List<CheckStep> steps) {
        String domain = peer.key();
        long t0 = System.nanoTime();
        List<String> saw = new ArrayList<>();
        KeepAliveSeen before = transport.keepAlive(peer);
        String nobody = "wv:ssp-check@" + domain;
        List<CompletableFuture<Reply>> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(federation.send(domain, new GetPresenceRequest(checker(), List.of(nobody))).toCompletableFuture());
        }
        int answered = 0;
        Duration bound = config.transactionTimeout().plusSeconds(2);
        for (int i = 0; i < BURST; i++) {
            try {
                Reply reply = burst.get(i).get(bound.toMillis(), TimeUnit.MILLISECONDS);
                saw.add("request " + (i + 1) + ": " + reply.status().getCode() + " " + reply.status().getDescription()
                        + (reply instanceof Reply.Failed ? " (not the peer's answer: ours, the request failed)" : ""));
                answered += reply instanceof Reply.Failed ? 0 : 1;
            } catch (ExecutionException | TimeoutException e) {
                saw.add("request " + (i + 1) + ": no answer (" + e + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Optional<String> refused = transport.pipeliningRefused(domain);
        refused.ifPresent(r -> saw.add("pipelining refused: " + r));
        KeepAliveSeen seen = transport.keepAlive(peer).since(before);
        boolean closes = seen.closesAnnounced() > 0;
        long ended = seen.connectionsEnded();
        saw.add("keep-alive: " + seen.answers() + " HTTP answer(s) during the burst, " + seen.closesAnnounced()
                + " with Connection: close; " + (ended == 0 ? "the connection stayed open"
                        : "our connection ended " + ended + " time(s)" + (closes ? "" : " without an announced close"
                                + " (the peer dropped it, or it went stop-and-wait)")));
        saw.add(seen.keepAliveHeader() == null ? "Keep-Alive header: none (HTTP/1.1 keeps a connection open unless told)"
                : "Keep-Alive header: " + seen.keepAliveHeader());
        saw.add("responses came back as the peer's own POSTs (S-007): " + (answered > 0 ? "yes" : "none came"));
        Verdict verdict = answered < BURST ? Verdict.FAIL : refused.isPresent() || ended > 0 ? Verdict.WARN
                : Verdict.PASS;
        String summary = answered < BURST ? answered + " of " + BURST + " requests of a burst answered"
                : refused.isPresent() ? "all " + BURST + " answered, but the peer does not take pipelined requests: the"
                        + " lane to it goes stop-and-wait (one round trip per request)"
                : closes ? "all " + BURST + " answered, but the peer closes the connection (Connection: close on "
                        + seen.closesAnnounced() + " of " + seen.answers() + " answers)"
                : ended > 0 ? "all " + BURST + " answered, but the peer does not keep the connection open"
                : "a burst of " + BURST + " pipelined requests on one connection: all answered";
        String advice = verdict == Verdict.PASS ? null : answered < BURST
                ? "the peer takes the session but does not answer its requests: see its logs"
                : refused.isPresent() ? "throughput to this peer is one request per round trip; more connectionPairs help"
                : "each new connection costs a TCP (and TLS) handshake, and the spec wants persistent connections:"
                        + " ask the peer's operator to allow keep-alive";
        steps.add(new CheckStep("Transport", verdict, millisSince(t0), saw, summary, advice));
    }

    private void roundTrip(String domain, String user, List<CheckStep> steps) {
        if (user == null || user.isBlank()) {
            steps.add(CheckStep.skipped("Round trip", "no user named"));
            return;
        }
        String target = user.strip().startsWith("wv:") ? user.strip() : "wv:" + user.strip() + "@" + domain;
        long t0 = System.nanoTime();
        Duration bound = config.transactionTimeout().plusSeconds(2);
        try {
            Reply reply = federation.send(domain, new GetPresenceRequest(checker(), List.of(target)))
                    .toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            int code = reply.status().getCode();
            boolean ok = code >= 200 && code < 300;
            steps.add(new CheckStep("Round trip", ok ? Verdict.PASS : Verdict.WARN, millisSince(t0),
                    List.of("GetPresence of " + target + ": " + code + " " + reply.status().getDescription()),
                    ok ? "GetPresence answered in " + millisSince(t0) + " ms" : "GetPresence answered with Status " + code,
                    ok ? null : "the transport works; the status is the peer's answer about the user"));
        } catch (ExecutionException | TimeoutException e) {
            steps.add(new CheckStep("Round trip", Verdict.FAIL, millisSince(t0), List.of(), "GetPresence of " + target
                    + " got no answer: " + e, "see the peer's logs"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The requestor of the check's requests: a user of our domain, as the peer's sender check requires. */
    private String checker() {
        return "wv:ssp-check@" + config.domain();
    }
}
