package org.openimps.ssp.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU time went, from a JFR recording's execution samples: the hottest methods by self time (top
 * frame) and by total time (anywhere on the stack), as Markdown.
 */
final class Profiles {
    private Profiles() {
    }

    static String summary(Path jfr, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> layers = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new LinkedHashSet<>();
            frames.forEach(f -> seen.add(name(f)));
            seen.forEach(m -> total.merge(m, 1, Integer::sum));
            layers.merge(layer(frames), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder("Profile: " + samples + " JFR execution samples of the server while 64 senders"
                + " ran SSP transactions (" + jfr.getFileName() + ").\n\n| where (innermost layer on the stack) | share |\n|---|---|\n");
        append(out, layers, samples, top);
        out.append("\n| hottest methods, self | share |\n|---|---|\n");
        append(out, self, samples, top);
        out.append("\n| hottest methods of the module, total (on the stack) | share |\n|---|---|\n");
        Map<String, Integer> ours = new HashMap<>();
        total.forEach((m, n) -> {
            if (m.startsWith("org.openimps.")) {
                ours.put(m, n);
            }
        });
        append(out, ours, samples, top);
        return out.toString();
    }

    /**
     * Where threads waited (park, monitor, socket read, file) during a recording with a low wait threshold, in
     * ms per completed transaction, by the innermost frame of the module (else of a library) on the stack.
     * Threads idle between transactions are left out: they wait for work, not within it.
     */
    static String waits(Path jfr, double transactions, int top) throws IOException {
        Map<String, Double> millis = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            String type = event.getEventType().getName();
            if (!WAITS.contains(type) || event.getStackTrace() == null || idle(event.getStackTrace().getFrames())) {
                continue;
            }
            String site = String.join(" | ", type.substring("jdk.".length()), "`" + site(event.getStackTrace().getFrames()) + "`",
                    pool(event));
            millis.merge(site, event.getDuration().toNanos() / 1e6, Double::sum);
            counts.merge(site, 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder("Waits of 1 ms or more while one sender ran " + String.format("%.0f", transactions)
                + " SSP transactions (" + jfr.getFileName() + "), ms per transaction:\n\n| wait | where | thread | ms per transaction | waits |\n|---|---|---|---|---|\n");
        millis.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append("| ").append(e.getKey()).append(" | ")
                        .append(String.format("%.2f", e.getValue() / Math.max(1, transactions))).append(" | ")
                        .append(counts.get(e.getKey())).append(" |\n"));
        return out.toString();
    }

    private static final Set<String> WAITS = Set.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
            "jdk.SocketRead", "jdk.FileWrite", "jdk.FileForce");

    /**
     * Not a wait of a transaction: no frame of the module below the bench driver (the driver's own latch, H2's
     * background writer, pool threads waiting for their next task).
     */
    private static boolean idle(List<RecordedFrame> frames) {
        return frames.stream().map(Profiles::name).noneMatch(m -> m.startsWith("org.openimps.ssp.")
                && !m.startsWith("org.openimps.ssp.bench."));
    }

    private static String site(List<RecordedFrame> frames) {
        return frames.stream().map(Profiles::name).filter(m -> m.startsWith("org.openimps.")).findFirst()
                .or(() -> frames.stream().map(Profiles::name).filter(m -> !m.startsWith("java.") && !m.startsWith("jdk.")
                        && !m.startsWith("sun.")).findFirst())
                .orElse(name(frames.get(0)));
    }

    private static String pool(RecordedEvent event) {
        return event.getThread() == null || event.getThread().getJavaName() == null ? "?"
                : event.getThread().getJavaName().replaceAll("\\d+", "N");
    }

    /** The first frame that says which part of the stack the sample is in. */
    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (String prefix : new String[] {"org.openimps.", "org.h2.", "org.eclipse.persistence.", "org.hibernate.",
                    "org.glassfish.jaxb.", "com.sun.xml.bind.", "org.apache.hc.", "org.glassfish.jersey.", "io.undertow.",
                    "org.glassfish.grizzly.", "org.jboss.weld.", "sun.nio.", "java.util.zip.", "javax.crypto.", "sun.security."}) {
                if (type.startsWith(prefix)) {
                    return prefix + "*";
                }
            }
        }
        return "other (JDK, container)";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void append(StringBuilder out, Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append("| `").append(e.getKey()).append("` | ")
                        .append(String.format("%.1f %%", 100.0 * e.getValue() / Math.max(1, samples))).append(" |\n"));
    }
}
