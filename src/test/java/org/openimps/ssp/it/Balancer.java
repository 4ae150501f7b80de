package org.openimps.ssp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * HAProxy (Debian's {@code haproxy}) running exactly {@code deploy/haproxy/haproxy.cfg}, in the foreground, with
 * the environment that file reads; stopped by the test.
 */
public final class Balancer implements AutoCloseable {
    static final Path CONFIG = Path.of("deploy", "haproxy", "haproxy.cfg");
    private final Process process;
    private final int port;

    public Balancer(int port, String healthPath, int node1Port, int node2Port, Path log) {
        this.port = port;
        ProcessBuilder builder = new ProcessBuilder(binary().orElseThrow().toString(), "-db", "-f",
                CONFIG.toAbsolutePath().toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.of("SSP_LB_BIND", "127.0.0.1:" + port, "SSP_HEALTH_PATH", healthPath,
                "SSP_NODE1", "127.0.0.1:" + node1Port, "SSP_NODE2", "127.0.0.1:" + node2Port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("haproxy cannot start", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!listening()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("haproxy did not listen on " + port + "; see " + log);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The haproxy program, if this machine has it ({@code .ci/run} installs it). */
    public static Optional<Path> binary() {
        return Stream.of("/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy").map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    public int port() {
        return port;
    }

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
