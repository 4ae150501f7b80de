package org.openimps.ssp.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import org.openimps.ssp.binding.http.outbound.TlsContexts;
import org.openimps.ssp.config.PeerConfig;

/**
 * One endpoint's TCP connect and, for https, its TLS handshake as our transport would make it (the peer's trust
 * store and our client certificate for it), taken apart: protocol, cipher, the chain, whether we trust it, whether
 * it names the host, whether the peer asked for a client certificate. The handshake completes even when the chain
 * is not trusted, so the report can show what the peer presents; nothing is sent over it.
 */
final class EndpointProbe {
    private EndpointProbe() {
    }

    /** What one endpoint showed. {@code problem}: null when it would carry our traffic, else the reason. */
    record Result(List<String> saw, String problem, String advice) {
    }

    static Result probe(URI endpoint, InetAddress address, PeerConfig peer, Duration timeout) {
        List<String> saw = new ArrayList<>();
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        Socket socket = new Socket();
        long t0 = System.nanoTime();
        try {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
        } catch (IOException e) {
            close(socket);
            saw.add("TCP " + address.getHostAddress() + ":" + port + ": " + e.getMessage());
            return new Result(saw, "TCP connect to " + address.getHostAddress() + ":" + port + " failed: " + e.getMessage(),
                    "check that the peer's server listens there and that no firewall drops the connection");
        }
        saw.add("TCP " + address.getHostAddress() + ":" + port + " connected in " + millisSince(t0) + " ms");
        if (!"https".equals(endpoint.getScheme())) {
            close(socket);
            return new Result(saw, null, null);
        }
        try {
            return tls(socket, endpoint.getHost(), port, peer, timeout, saw);
        } finally {
            close(socket);
        }
    }

    private static Result tls(Socket plain, String host, int port, PeerConfig peer, Duration timeout, List<String> saw) {
        Watching trust;
        RecordingKeys keys;
        SSLSocket socket;
        try {
            trust = new Watching(delegateTrust(peer));
            keys = new RecordingKeys(delegateKeys(peer));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
            socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(TlsContexts.VERSIONS);
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name check our transport makes
            socket.setSSLParameters(parameters);
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (GeneralSecurityException | IOException e) {
            return new Result(saw, "our TLS settings for " + peer.domain() + " cannot be used: " + e.getMessage(),
                    "check the peer's trustStore and keyStore files and passwords in the configuration");
        }
        long t0 = System.nanoTime();
        try {
            socket.startHandshake();
        } catch (IOException e) {
            saw.add("TLS handshake failed after " + millisSince(t0) + " ms: " + e.getMessage());
            describeChain(trust.chain, saw);
            if (keys.asked && !keys.offered) {
                return new Result(saw, "the peer asked for a client certificate and we have none for it: " + e.getMessage(),
                        "give the peer a keyStore with a client certificate for our domain, or ask its operator to"
                                + " drop the requirement");
            }
            if (keys.asked) {
                return new Result(saw, "the peer refused the TLS handshake after our client certificate: " + e.getMessage(),
                        "ask the peer's operator whether it trusts the CA of our client certificate");
            }
            return new Result(saw, "TLS handshake failed: " + e.getMessage(),
                    "compare the TLS versions and ciphers both sides allow (we offer TLS 1.3 and 1.2)");
        }
        SSLSession session = socket.getSession();
        saw.add("TLS " + session.getProtocol() + ", " + session.getCipherSuite() + ", in " + millisSince(t0) + " ms");
        describeChain(trust.chain, saw);
        saw.add("client certificate: " + (keys.asked ? (keys.offered ? "asked for, ours sent and accepted"
                : "asked for (optional), we have none") : "not asked for"));
        if (trust.untrusted != null) {
            saw.add("trust: not trusted: " + trust.untrusted);
            return new Result(saw, "our trust store does not accept the peer's certificate: " + trust.untrusted,
                    peer.trustStoreFile().isPresent() ? "add the peer's CA to the trustStore configured for it"
                            : "configure a trustStore for the peer with its CA (the JVM's CAs do not include it)");
        }
        saw.add("trust: accepted by " + (peer.trustStoreFile().isPresent() ? "the peer's trustStore" : "the JVM's CAs"));
        if (trust.wrongHost != null) {
            saw.add("host name " + host + ": not named by the certificate (" + trust.wrongHost + ")");
            return new Result(saw, "the certificate does not name " + host + ": " + trust.wrongHost,
                    "the peer needs a certificate whose subjectAltName includes " + host + ", or its SRV record"
                            + " must point at a name its certificate has");
        }
        saw.add("host name " + host + ": named by the certificate");
        return new Result(saw, null, null);
    }

    private static void describeChain(X509Certificate[] chain, List<String> saw) {
        if (chain == null) {
            return;
        }
        for (int i = 0; i < chain.length; i++) {
            X509Certificate c = chain[i];
            saw.add("certificate " + i + ": subject " + c.getSubjectX500Principal().getName() + ", SANs " + sans(c)
                    + ", issuer " + c.getIssuerX500Principal().getName() + ", expires " + c.getNotAfter().toInstant());
        }
    }

    private static String sans(X509Certificate c) {
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            return names == null ? "none" : names.stream().map(n -> String.valueOf(n.get(1))).toList().toString();
        } catch (CertificateParsingException e) {
            return "unreadable";
        }
    }

    private static X509ExtendedTrustManager delegateTrust(PeerConfig peer) throws GeneralSecurityException, IOException {
        TrustManager[] configured = TlsContexts.trustManagers(peer);
        if (configured == null) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            configured = tmf.getTrustManagers();
        }
        for (TrustManager t : configured) {
            if (t instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    private static X509KeyManager delegateKeys(PeerConfig peer) throws GeneralSecurityException, IOException {
        KeyManager[] configured = TlsContexts.keyManagers(peer);
        if (configured != null) {
            for (KeyManager k : configured) {
                if (k instanceof X509KeyManager x) {
                    return x;
                }
            }
        }
        return null;
    }

    /** Milliseconds since a {@link System#nanoTime()} reading: every step of a check times itself with it. */
    static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing was sent on it
        }
    }

    /**
     * Checks the peer's chain as our transport would, and notes why it would be refused (not trusted; or trusted but
     * not naming the host) instead of failing the handshake, so the report can show the chain.
     */
    private static final class Watching extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        X509Certificate[] chain;
        String untrusted;
        String wrongHost;

        Watching(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            this.chain = chain.clone();
            try {
                delegate.checkServerTrusted(chain, authType); // the chain alone
            } catch (CertificateException e) {
                untrusted = e.getMessage();
                return;
            }
            try {
                delegate.checkServerTrusted(chain, authType, socket); // and the host name
            } catch (CertificateException e) {
                wrongHost = e.getMessage();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("sockets only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("with the socket only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client-side probe");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client-side probe");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client-side probe");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** Our client certificate for the peer, if any, noting whether the peer asked for one. */
    private static final class RecordingKeys extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;
        volatile boolean asked;
        volatile boolean offered;

        RecordingKeys(X509KeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            asked = true;
            String alias = delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket);
            offered = alias != null;
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate == null ? null : delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate == null ? null : delegate.getPrivateKey(alias);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
