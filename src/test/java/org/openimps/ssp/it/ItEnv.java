package org.openimps.ssp.it;

import java.net.URI;

/** Where the server under test listens (loopback only) and which server it is. */
final class ItEnv {
    private ItEnv() {
    }

    static int httpPort() {
        return Integer.getInteger("it.http.port", 8080);
    }

    static int httpsPort() {
        return Integer.getInteger("it.https.port", 8443);
    }

    /** Where the build put the test CA, server and client stores (deploy/tls/generate.sh). */
    static String tls(String file) {
        return java.nio.file.Path.of(System.getProperty("it.tls.dir", "target/tls"), file).toAbsolutePath().toString();
    }

    /** A deployment's SSP endpoint over HTTPS; the server certificate names 127.0.0.1. */
    static URI sspTls(String context) {
        return URI.create("https://127.0.0.1:" + httpsPort() + "/" + context + "/ssp");
    }

    static String server() {
        return System.getProperty("it.server", "unknown");
    }

    static URI base(String context) {
        return URI.create("http://127.0.0.1:" + httpPort() + "/" + context + "/");
    }

    static URI ssp(String context) {
        return base(context).resolve("ssp");
    }
}
