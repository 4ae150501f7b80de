package org.openimps.ssp.binding.http.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.openimps.ssp.config.PeerConfig;

/**
 * The TLS side of a peer's connections: its trust store (else the JVM's CAs), our client certificate for it if
 * any, TLS 1.3 and 1.2 only, and the HTTP client's default host name verification.
 */
public final class TlsContexts {
    /** The TLS versions we speak with peers, newest first. */
    public static final String[] VERSIONS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    static TlsStrategy forPeer(PeerConfig peer) throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(peer), trustManagers(peer), null);
        return ClientTlsStrategyBuilder.create()
                .setSslContext(context)
                .setTlsVersions(VERSIONS)
                .build();
    }

    /** What we trust of the peer: its trust store, else null (the JVM's CAs). */
    public static TrustManager[] trustManagers(PeerConfig peer) throws GeneralSecurityException, IOException {
        if (peer.trustStoreFile().isEmpty()) {
            return null;
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(peer.trustStoreFile().get(), peer.trustStorePasswordChars()));
        return tmf.getTrustManagers();
    }

    /** Our client certificate for the peer, if it has one; else null. */
    public static KeyManager[] keyManagers(PeerConfig peer) throws GeneralSecurityException, IOException {
        if (peer.keyStoreFile().isEmpty()) {
            return null;
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(peer.keyStoreFile().get(), peer.keyStorePasswordChars()), peer.keyStorePasswordChars());
        return kmf.getKeyManagers();
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
