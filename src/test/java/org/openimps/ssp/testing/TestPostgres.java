package org.openimps.ssp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for tests: a private cluster under {@code target/postgres} on a free loopback port,
 * started once per JVM from the machine's PostgreSQL binaries (Debian's {@code postgresql}, which {@code .ci/run}
 * installs) and stopped when the JVM ends. PostgreSQL refuses to run as root, so as root it runs as the
 * {@code postgres} user the package creates. Each caller gets its own empty database.
 *
 * <p>Where no binaries are found, {@link #available()} is false and tests skip, unless
 * {@code -Dssp.packages.required=true} (as in {@code .ci/run}) makes that a failure.
 */
public final class TestPostgres {
    private static final Path BINARIES_ROOT = Path.of("/usr/lib/postgresql");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres server;

    private final Path bin;
    private final Path data;
    private final int port;

    private TestPostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** Whether this machine has PostgreSQL binaries; fails when they are required and missing. */
    public static boolean available() {
        boolean found = binaries().isPresent();
        if (!found && Boolean.getBoolean("ssp.packages.required")) {
            throw new IllegalStateException("ssp.packages.required is set but no PostgreSQL binaries are under "
                    + BINARIES_ROOT + " (apt-get install postgresql)");
        }
        return found;
    }

    /** The JVM's server, started on first use. */
    public static synchronized TestPostgres server() {
        if (server == null) {
            Path bin = binaries().orElseThrow(() -> new IllegalStateException("no PostgreSQL under " + BINARIES_ROOT));
            server = new TestPostgres(bin, Path.of("target", "postgres", "data-" + ProcessHandle.current().pid())
                    .toAbsolutePath(), FreePorts.loopback());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
        }
        return server;
    }

    public int port() {
        return port;
    }

    /** A new empty database on this server; returns its JDBC URL (user {@code postgres}, no password). */
    public String newDatabase(String prefix) {
        String name = (prefix + "_" + DATABASES.incrementAndGet()).toLowerCase(java.util.Locale.ROOT);
        try (Connection connection = dataSource("postgres").getConnection();
             Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public DataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url(database));
        source.setUser("postgres");
        return source;
    }

    /** A new empty database, as a DataSource. */
    public DataSource newDataSource(String prefix) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(newDatabase(prefix));
        source.setUser("postgres");
        return source;
    }

    private static Optional<Path> binaries() {
        if (!Files.isDirectory(BINARIES_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(BINARIES_ROOT)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void start() {
        try {
            Files.createDirectories(data.getParent());
            deleteTree(data);
            asOwner(data.getParent());
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--no-sync"), "initdb");
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.resolveSibling(
                            data.getFileName() + ".log").toString(), "-w", "-t", String.valueOf(START_TIMEOUT.toSeconds()),
                    "-o", "-h 127.0.0.1 -p " + port + " -k " + data + " -c fsync=off -c max_connections=200",
                    "start"), "pg_ctl start");
        } catch (IOException e) {
            throw new UncheckedIOException("test PostgreSQL cannot start", e);
        }
    }

    private void stop() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), "pg_ctl stop");
        } catch (RuntimeException e) {
            System.err.println("test PostgreSQL stop: " + e.getMessage());
        }
    }

    /** Runs a PostgreSQL program, as the postgres user when we are root; throws with its output when it fails. */
    private static void run(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " failed: " + new String(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " cannot run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** As root, the directory (and target/ above it) must be the postgres user's to write into. */
    private static void asOwner(Path dir) throws IOException {
        if (isRoot()) {
            try {
                Process chown = new ProcessBuilder("chown", "postgres:postgres", dir.toString()).start();
                chown.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
