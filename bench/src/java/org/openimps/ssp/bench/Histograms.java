package org.openimps.ssp.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Growth between two class histograms (the text of jcmd GC.class_histogram), as Markdown. */
final class Histograms {
    private Histograms() {
    }

    static String growth(List<String> before, List<String> after, int top) {
        Map<String, long[]> start = parse(before);
        Map<String, long[]> end = parse(after);
        StringBuilder out = new StringBuilder("| class (heap growth, top of the histogram) | instances | bytes |\n|---|---|---|\n");
        end.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - start.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - start.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(top)
                .forEach(e -> out.append("| `").append(e.getKey()).append("` | ").append(e.getValue()[0]).append(" | ")
                        .append(e.getValue()[1]).append(" |\n"));
        return out.toString();
    }

    /** Lines like {@code   1:  123456  7890123  java.lang.String (java.base@17)}: class to {instances, bytes}. */
    private static Map<String, long[]> parse(List<String> lines) {
        Map<String, long[]> out = new HashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                try {
                    out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                } catch (NumberFormatException e) {
                    // a header or total line
                }
            }
        }
        return out;
    }
}
