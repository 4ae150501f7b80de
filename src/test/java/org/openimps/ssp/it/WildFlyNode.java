package org.openimps.ssp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A WildFly node in its own JVM, from the WildFly home the build unpacked and configured, with its own server
 * directory under {@code target/cluster/<name>} and its ports moved by an offset: what an operator runs as one
 * node of a domain. The test starts it, kills it (SIGKILL, no shutdown hook runs) and starts it again.
 */
public final class WildFlyNode implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int portOffset;
    private final Path base;
    private Process process;

    private WildFlyNode(String name, int portOffset, Path base) {
        this.name = name;
        this.portOffset = portOffset;
        this.base = base;
    }

    public static Path home() {
        return Path.of(System.getProperty("jboss.home", "target/wildfly")).toAbsolutePath();
    }

    /**
     * A node whose server directory is a copy of {@code template}'s configuration (the build's configured server,
     * or a node already set up), with empty deployments, data and logs.
     */
    public static WildFlyNode create(String name, int portOffset, Path template) {
        Path base = Path.of("target", "cluster", name).toAbsolutePath();
        try {
            deleteTree(base);
            Files.createDirectories(base.resolve("deployments"));
            copyTree(template.resolve("configuration"), base.resolve("configuration"));
            deleteTree(base.resolve("configuration").resolve("standalone_xml_history"));
            // the template is a running server's: what Arquillian deployed there is not this node's
            Path xml = base.resolve("configuration").resolve("standalone.xml");
            Files.writeString(xml, Files.readString(xml).replaceAll("(?s)\\s*<deployments>.*?</deployments>", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WildFlyNode(name, portOffset, base);
    }

    public Path base() {
        return base;
    }

    public int httpPort() {
        return 8080 + portOffset;
    }

    public URI url(String context, String path) {
        return URI.create("http://127.0.0.1:" + httpPort() + "/" + context + "/" + path);
    }

    /** Runs a script of the project's against this node's server directory (offline), with extra environment. */
    public void configure(Path script, java.util.Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(script.toAbsolutePath().toString(), home().toString(), base.toString())
                .redirectErrorStream(true).redirectOutput(base.resolve("configure.log").toFile());
        builder.environment().putAll(environment);
        try {
            Process configure = builder.start();
            if (!configure.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || configure.exitValue() != 0) {
                configure.destroyForcibly();
                throw new IllegalStateException(script + " failed for " + name + ": "
                        + Files.readString(base.resolve("configure.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void deploy(WebArchive war) {
        war.as(ZipExporter.class).exportTo(base.resolve("deployments").resolve(war.getName()).toFile(), true);
    }

    /** Starts the JVM and waits until {@code context}'s health check answers 200. */
    public void start(String context) {
        ProcessBuilder builder = new ProcessBuilder(home().resolve("bin").resolve("standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + portOffset)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx512m -Djava.net.preferIPv4Stack=true");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name, e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!healthy(context)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                kill();
                throw new IllegalStateException("node " + name + " did not come up within " + START_TIMEOUT
                        + "; see " + base.resolve("console.log"));
            }
            pause(250);
        }
    }

    public boolean healthy(String context) {
        try {
            HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(url(context, "health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL to the server's JVM and its launcher script: nothing gets to run a shutdown step. */
    public void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
