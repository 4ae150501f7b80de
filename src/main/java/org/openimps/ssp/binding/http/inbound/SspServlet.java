package org.openimps.ssp.binding.http.inbound;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.exchange.inbound.InboundGate;
import org.openimps.ssp.exchange.inbound.InboundMessage;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.session.PeerIdentity;
import org.openimps.ssp.wire.IdGrammar;
import org.openimps.ssp.wire.MalformedMessageException;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.SspContentType;
import org.openimps.ssp.wire.SspHeaders;
import org.openimps.ssp.wire.SendSecretToken;
import org.openimps.ssp.wire.SspMessage;

/**
 * The SSP endpoint (registered with {@code asyncSupported} by {@code app.SspBootstrap}). For each POST: check
 * content type, declared length and header values; go async and read the bounded body on the container's
 * async pool; decode it; reserve a place on the executor; answer the <b>empty 200</b> and complete. doPost
 * returns before the body is read, so no pipelined request is handled inside another one's dispatch. The work runs afterwards on the executor, so a slow
 * transaction never holds back the HTTP replies of later ones on the same connection.
 * <table>
 * <caption>HTTP answers</caption>
 * <tr><td>200</td><td>well-formed SSP message accepted (errors in it are answered as SSP Status later)</td></tr>
 * <tr><td>307</td><td>a SendSecretToken that another node should take ({@link SetupRedirect})</td></tr>
 * <tr><td>400</td><td>not well-formed SSP XML, or a header value outside the id grammar</td></tr>
 * <tr><td>405</td><td>any method but POST</td></tr>
 * <tr><td>408</td><td>body not complete within {@code bodyTimeoutMillis} (slow-drip peers cannot hold the request open)</td></tr>
 * <tr><td>413</td><td>body longer than {@code maxBodyBytes}</td></tr>
 * <tr><td>415</td><td>Content-Type is not {@code application/vnd.wv.ssp+xml}</td></tr>
 * <tr><td>503</td><td>{@code maxQueuedInbound} messages are already waiting, or the module is stopping (Retry-After: 1)</td></tr>
 * </table>
 */
public class SspServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SspServlet.class.getName());

    private final transient SspCodec codec;
    private final transient InboundGate gate;
    private final transient Clock clock;
    private final SetupRedirect redirect;
    private final long bodyTimeoutMillis;
    private final transient ContextService context;
    /**
     * Runs tasks with this application's thread context, captured once in {@link #init()}: a contextual proxy
     * per request cost Payara a ServiceLoader walk of the class path each time (bench profile).
     */
    private transient Executor applicationContext;
    private final transient Monitor monitor;

    /**
     * @param redirect        which SendSecretTokens go to another node (load balancing, spec 5.5)
     * @param context         captures this application's context for the body read on the container's thread
     * @param monitor         counts refused requests
     */
    public SspServlet(SspCodec codec, InboundGate gate, Clock clock, SetupRedirect redirect, long bodyTimeoutMillis,
                      ContextService context, Monitor monitor) {
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.monitor = monitor;
        this.codec = codec;
        this.gate = gate;
        this.clock = clock;
        this.redirect = redirect;
        this.context = context;
    }

    @Override
    public void init() {
        applicationContext = context.currentContextExecutor();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String txn = request.getHeader(SspHeaders.TRANSACTION_ID);
        String sid = request.getHeader(SspHeaders.SESSION_ID);
        if (!SspContentType.matches(request.getContentType())) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, txn, request.getRemoteAddr(),
                    "Content-Type must be " + SspContentType.VALUE + ", was " + request.getContentType());
            return;
        }
        int max = codec.limits().maxBytes();
        if (request.getContentLengthLong() > max) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, txn, request.getRemoteAddr(),
                    "body of " + request.getContentLengthLong() + " bytes exceeds " + max);
            return;
        }
        if (request.getContentLengthLong() == 0) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, txn, request.getRemoteAddr(), "empty body");
            return;
        }
        if ((txn != null && !IdGrammar.isAcceptable(txn)) || (sid != null && !IdGrammar.isAcceptable(sid))) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, null, request.getRemoteAddr(),
                    "x-wv-transactionid / x-wv-sessionid outside the id grammar or longer than " + IdGrammar.MAX_LENGTH);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(bodyTimeoutMillis);
        String remote = request.getRemoteAddr();
        URI requestUrl = requestUrl(request);
        PeerIdentity identity = ClientCertificates.of(request);
        BodyTask task = new BodyTask(async, max, request.getContentLengthLong(),
                new BodyTask.BodyHandler() {
                    @Override
                    public void onBody(byte[] body) throws IOException {
                        accept(body, response, txn, sid, remote, identity, requestUrl);
                    }

                    @Override
                    public void refuse(int status, String reason) throws IOException {
                        SspServlet.this.refuse(response, status, txn, remote, reason);
                    }
                });
        async.addListener(task);
        // Payara's async threads keep the component context of whichever application used them last; without
        // our own, work handed on from there was silently dropped once that one undeployed.
        async.start(() -> applicationContext.execute(task));
    }

    /** The body is complete: decode it, reserve a place on the executor, answer the empty 200. */
    private void accept(byte[] body, HttpServletResponse response, String txn, String sid, String remote,
                        PeerIdentity identity, URI requestUrl) throws IOException {
        SspMessage message;
        try {
            message = codec.decode(body);
        } catch (MalformedMessageException e) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, txn, remote, e.getMessage());
            return;
        }
        Optional<URI> elsewhere = requestUrl == null ? Optional.empty()
                : redirect.target(message.getSetupTransaction(), requestUrl);
        if (elsewhere.isPresent()) {
            // spec 5.5: only the first SendSecretToken of a connection may be redirected; later POSTs never are
            LOG.log(Level.INFO, "SendSecretToken txn {0} from {1} redirected to {2}", new Object[] {txn, remote, elsewhere.get()});
            response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
            response.setHeader("Location", elsewhere.get().toString());
            response.setContentLength(0);
            return;
        }
        if (!gate.offer(new InboundMessage(message, txn, sid, remote, clock.instant(), identity,
                requestUrl == null ? null : requestUrl.toString()))) {
            response.setHeader("Retry-After", "1");
            refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, txn, remote, "inbound queue full or stopping");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }

    /** The URL the peer POSTed to, as it addressed us (a load balancer's address, or this node's); null if unreadable. */
    private static URI requestUrl(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURL().toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        methodNotAllowed(request, response);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        methodNotAllowed(request, response);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        methodNotAllowed(request, response);
    }

    private void methodNotAllowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, request.getHeader(SspHeaders.TRANSACTION_ID),
                request.getRemoteAddr(), request.getMethod() + " is not an SSP method; use POST");
    }

    /** A short plain-text reason for the peer's operator, and a log line with the txn id; never a stack trace. */
    private void refuse(HttpServletResponse response, int status, String txn, String remote, String reason)
            throws IOException {
        monitor.refused(status);
        LOG.log(Level.INFO, "SSP POST txn {0} from {1} refused with HTTP {2}: {3}",
                new Object[] {txn, remote, status, reason});
        byte[] text = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }
}
