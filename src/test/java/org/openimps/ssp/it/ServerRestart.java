package org.openimps.ssp.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the server under test with its own tools, as an operator would: WildFly reloads (every service and
 * deployment stopped and started again; the managed container cannot restart the JVM under Arquillian), Payara
 * restarts its domain (a new JVM). Returns when {@code probe} answers HTTP 200 again.
 */
final class ServerRestart {
    private ServerRestart() {
    }

    static void restart(URI probe) throws IOException, InterruptedException {
        List<String> command = "payara".equals(ItEnv.server())
                ? List.of(Path.of(System.getProperty("payaraHome"), "bin", "asadmin").toString(), "restart-domain", "domain1")
                : List.of(Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh").toString(), "--connect",
                        "--command=:reload");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).inheritIO().start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 180 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + process.exitValue());
        }
        awaitUp(probe, Duration.ofSeconds(180));
    }

    private static void awaitUp(URI probe, Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        Thread.sleep(2_000); // a reload answers its old deployments for a moment
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(probe + " not up again within " + limit);
    }
}
