package org.openimps.ssp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports nobody listens on, for the servers and fakes the tests start. */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port free on 127.0.0.1 now (the OS picks it; a test binds it soon after). */
    public static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
