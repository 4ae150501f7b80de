package org.openimps.ssp.binding.http.inbound;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openimps.ssp.protocol.ImpsAddress;
import org.openimps.ssp.wire.Mode;
import org.openimps.ssp.wire.SendSecretToken;
import org.openimps.ssp.wire.SetupTransaction;

/**
 * Where a SendSecretToken goes instead of this node (spec 5.5: only the first SendSecretToken of a connection may
 * be redirected, M1 on the peer's connection 1 and M2 on its connection 2):
 * <ul>
 * <li>an M1 (a peer asks us for a session): to {@code redirectSetupTo} when set; else, when this node knows its own
 * URL ({@code nodeUrl}) and the M1 came in under another address (a load balancer's), to {@code nodeUrl}, so the
 * peer pins its session to this node;</li>
 * <li>an M2 (the peer's answer to an M1 that one of our nodes sent): when this node sent no M1 to that peer, to the
 * node that did.</li>
 * </ul>
 */
public final class SetupRedirect {
    private final URI always;
    private final URI nodeUrl;
    private final Predicate<String> initiatingHere;
    private final Function<String, Optional<URI>> initiatingNode;

    /**
     * @param always         {@code redirectSetupTo}, or null
     * @param nodeUrl        this node's own SSP URL, or null
     * @param initiatingHere whether this node is establishing a session with the peer domain
     * @param initiatingNode the URL of another node establishing a session with the peer domain
     */
    public SetupRedirect(URI always, URI nodeUrl, Predicate<String> initiatingHere,
                         Function<String, Optional<URI>> initiatingNode) {
        this.always = always;
        this.nodeUrl = nodeUrl;
        this.initiatingHere = initiatingHere;
        this.initiatingNode = initiatingNode;
    }

    /** Where {@code setup}, POSTed to {@code requestUrl}, should go instead; empty to take it here. */
    public Optional<URI> target(SetupTransaction setup, URI requestUrl) {
        if (setup == null || !(setup.getPrimitive() instanceof SendSecretToken token)) {
            return Optional.empty();
        }
        if (setup.mode().orElse(Mode.REQUEST) == Mode.RESPONSE) {
            Optional<String> peer = ImpsAddress.domainOf(token.getServiceId());
            if (nodeUrl == null || peer.isEmpty() || initiatingHere.test(peer.get())) {
                return Optional.empty();
            }
            return initiatingNode.apply(peer.get()).filter(other -> !sameEndpoint(other, requestUrl));
        }
        if (always != null) {
            return Optional.of(always);
        }
        return nodeUrl != null && !sameEndpoint(nodeUrl, requestUrl) ? Optional.of(nodeUrl) : Optional.empty();
    }

    /** Same scheme, host, port and path: the peer already POSTs to that node. */
    static boolean sameEndpoint(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b) && path(a).equals(path(b));
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    private static String path(URI u) {
        String p = u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath();
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }
}
