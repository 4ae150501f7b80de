package org.openimps.ssp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The server JVM's own pause counters ({@code jcmd <pid> PerfCounter.print}): every safepoint and the time the
 * application stood still in them, and each collector's pauses. G1's "concurrent cycle pauses" are its remark
 * and cleanup, which JDK 17's GC MXBeans do not count. (A JFR recording started for this collapsed the measured
 * run: the first JFR start in a JVM costs seconds of CPU.)
 */
final class PauseCounters {
    private final Map<String, String> values;

    private PauseCounters(Map<String, String> values) {
        this.values = values;
    }

    static PauseCounters read(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "PerfCounter.print").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " PerfCounter.print failed: " + out);
        }
        Map<String, String> values = new TreeMap<>();
        out.lines().map(l -> l.split("=", 2)).filter(kv -> kv.length == 2)
                .forEach(kv -> values.put(kv[0].strip(), kv[1].strip().replace("\"", "")));
        return new PauseCounters(values);
    }

    /** Safepoints and collector pauses between two readings, as one line of the report. */
    static String between(PauseCounters before, PauseCounters after) {
        StringBuilder out = new StringBuilder(String.format("%.0f safepoints, the application stopped %.1f ms in all",
                after.count("sun.rt.safepoints") - before.count("sun.rt.safepoints"),
                after.millis("sun.rt.safepointTime") - before.millis("sun.rt.safepointTime")));
        for (int i = 0; after.values.containsKey("sun.gc.collector." + i + ".name"); i++) {
            String prefix = "sun.gc.collector." + i;
            double pauses = after.count(prefix + ".invocations") - before.count(prefix + ".invocations");
            if (pauses > 0) {
                double millis = after.millis(prefix + ".time") - before.millis(prefix + ".time");
                out.append(String.format("; %s: %.0f, %.1f ms mean", after.values.get(prefix + ".name"), pauses,
                        millis / pauses));
            }
        }
        return out.toString();
    }

    private double count(String name) {
        return Double.parseDouble(values.getOrDefault(name, "0"));
    }

    /** A counter in high-resolution ticks, in ms. */
    private double millis(String name) {
        return count(name) * 1000 / Double.parseDouble(values.getOrDefault("sun.os.hrt.frequency", "1000000000"));
    }
}
