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
import org.apache.hc.core5.http.ssl.TLS;
import org.openimps.ssp.config.PeerConfig;

/**
 * The TLS side of a peer's connections: its trust store (else the JVM's CAs), our client certificate for it if
 * any, TLS 1.3 and 1.2 only, and the HTTP client's default host name verification.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    static TlsStrategy forPeer(PeerConfig peer) throws GeneralSecurityException, IOException {
        TrustManager[] trust = null;
        if (peer.trustStoreFile().isPresent()) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(peer.trustStoreFile().get(), peer.trustStorePasswordChars()));
            trust = tmf.getTrustManagers();
        }
        KeyManager[] keys = null;
        if (peer.keyStoreFile().isPresent()) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(peer.keyStoreFile().get(), peer.keyStorePasswordChars()), peer.keyStorePasswordChars());
            keys = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return ClientTlsStrategyBuilder.create()
                .setSslContext(context)
                .setTlsVersions(TLS.V_1_3, TLS.V_1_2)
                .build();
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
