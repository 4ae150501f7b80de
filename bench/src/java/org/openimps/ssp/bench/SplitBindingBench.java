package org.openimps.ssp.bench;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The split binding measured in one run on one server (issue 7): the container's empty-POST ceiling through
 * the module's own Jersey transport, SSP SendMessage transactions alpha -> beta -> alpha at 1/4/16/64
 * concurrent senders, latency at half the peak rate, and the same rate with 1 % of transactions held 2 s in
 * beta's host (head-of-line). Prints a Markdown table and appends CSV to bench/results/. Run by
 * {@code mvn -Pbench verify}, never by the test command.
 */
@ExtendWith(ArquillianExtension.class)
class SplitBindingBench {
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int SECONDS = Integer.getInteger("bench.seconds", 5);
    private static final int[] SENDERS = {1, 4, 16, 64};
    private static final int PORT = Integer.getInteger("it.http.port", 8080);

    @Deployment(name = "bench-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return war("bench-alpha", """
                {"domain":"alpha.test","transactionTimeoutSeconds":60,"maxPendingTransactions":200000,
                 "peers":[{"domain":"beta.test","url":"http://127.0.0.1:%d/bench-beta/ssp"}]}""".formatted(PORT))
                .addClass(BenchDriverServlet.class);
    }

    @Deployment(name = "bench-beta", testable = false, order = 2)
    static WebArchive beta() {
        return war("bench-beta", """
                {"domain":"beta.test","maxQueuedInbound":20000,
                 "peers":[{"domain":"alpha.test","url":"http://127.0.0.1:%d/bench-alpha/ssp"}]}""".formatted(PORT))
                .addClasses(BenchHost.class, EmptyServlet.class);
    }

    private static WebArchive war(String context, String config) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, context + ".war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/ssp.war")));
        war.addAsWebInfResource(new StringAsset(config), "ssp-" + context + ".json");
        return war;
    }

    @Test
    void measure() throws Exception {
        String server = System.getProperty("it.server", "unknown");
        String baselineUrl = "http://127.0.0.1:" + PORT + "/bench-beta/bench/empty";
        String to = URLEncoder.encode("wv:bob@beta.test", StandardCharsets.UTF_8);
        run("baseline?senders=4&seconds=3&target=" + baselineUrl); // warm-up: JIT, pools, session
        run("ssp?senders=4&seconds=3&to=" + to);

        List<String[]> rows = new ArrayList<>();
        double peakSsp = 0;
        double baselineAt64 = 0;
        for (int senders : SENDERS) {
            Map<String, Object> base = run("baseline?senders=" + senders + "&seconds=" + SECONDS + "&target=" + baselineUrl);
            Map<String, Object> ssp = run("ssp?senders=" + senders + "&seconds=" + SECONDS + "&to=" + to);
            double b = num(base, "perSecond");
            double s = num(ssp, "perSecond");
            peakSsp = Math.max(peakSsp, s);
            baselineAt64 = b;
            rows.add(new String[] {"closed loop, " + senders + " senders", fmt(b), fmt(s), pct(s / b),
                    ms(ssp, "p50Micros"), ms(ssp, "p99Micros"), ms(ssp, "p999Micros"), String.valueOf(ssp.get("failed"))});
        }
        int half = (int) Math.max(1, peakSsp / 2);
        Map<String, Object> steady = run("rate?rate=" + half + "&seconds=" + (2 * SECONDS) + "&to=" + to);
        rows.add(new String[] {"open loop at " + half + " tx/s (50 % of peak)", "", fmt(num(steady, "perSecond")), "",
                ms(steady, "p50Micros"), ms(steady, "p99Micros"), ms(steady, "p999Micros"), String.valueOf(steady.get("failed"))});
        Map<String, Object> hol = run("rate?rate=" + half + "&seconds=" + (2 * SECONDS) + "&slowPercent=1&to=" + to);
        rows.add(new String[] {"same, 1 % held 2 s (others only)", "", fmt(num(hol, "perSecond")), "",
                ms(hol, "p50Micros"), ms(hol, "p99Micros"), ms(hol, "p999Micros"), String.valueOf(hol.get("failed"))});

        StringBuilder table = new StringBuilder("\n### Split binding on " + server + ", JDK " + System.getProperty("java.version")
                + ", " + LocalDate.now() + "\n\n| load | baseline POST/s | SSP tx/s | SSP / baseline | p50 ms | p99 ms | p99.9 ms | failed |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> table.append("| ").append(String.join(" | ", r)).append(" |\n"));
        double holRatio = num(hol, "p99Micros") / Math.max(1, num(steady, "p99Micros"));
        table.append("\nHead-of-line: p99 of the others is ").append(pct(holRatio)).append(" of the p99 without slow transactions (target within 110 %).\n")
                .append("Peak SSP ").append(fmt(peakSsp)).append(" tx/s = ").append(pct(peakSsp / baselineAt64))
                .append(" of the 64-sender baseline (two POSTs per transaction cap this at 50 %; target 45 %).\n");
        System.out.println(table);

        Path csv = Path.of(System.getProperty("bench.results", "bench/results"), "split-binding.csv");
        Files.createDirectories(csv.getParent());
        if (!Files.exists(csv)) {
            Files.writeString(csv, "date,server,jdk,load,baseline_post_per_s,ssp_tx_per_s,ratio,p50_ms,p99_ms,p999_ms,failed\n");
        }
        StringBuilder lines = new StringBuilder();
        for (String[] r : rows) {
            lines.append(LocalDate.now()).append(',').append(server).append(',').append(System.getProperty("java.version"))
                    .append(",\"").append(r[0]).append('"');
            for (int i = 1; i < r.length; i++) {
                lines.append(',').append(r[i].replace("%", "").strip());
            }
            lines.append('\n');
        }
        Files.writeString(csv, lines, StandardOpenOption.APPEND);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + PORT + "/bench-alpha/bench/" + path)).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.fromJson(response.body(), Map.class);
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private static String fmt(double v) {
        return String.format("%.0f", v);
    }

    private static String pct(double v) {
        return String.format("%.1f %%", v * 100);
    }

    private static String ms(Map<String, Object> m, String key) {
        return String.format("%.2f", num(m, key) / 1000);
    }
}
