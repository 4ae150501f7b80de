package org.openimps.ssp.it;

import java.net.URI;

/** Where the server under test listens (loopback only) and which server it is. */
final class ItEnv {
    private ItEnv() {
    }

    static int httpPort() {
        return Integer.getInteger("it.http.port", 8080);
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
