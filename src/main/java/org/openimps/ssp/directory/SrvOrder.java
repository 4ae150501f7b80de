package org.openimps.ssp.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/** RFC 2782 order: lowest priority first; within a priority, a weighted random draw without replacement. */
public final class SrvOrder {
    private SrvOrder() {
    }

    public static List<SrvRecord> order(List<SrvRecord> records, RandomGenerator random) {
        Map<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        for (SrvRecord r : records) {
            byPriority.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r);
        }
        List<SrvRecord> out = new ArrayList<>(records.size());
        for (List<SrvRecord> group : byPriority.values()) {
            // zero weights first, as RFC 2782 asks, so they keep a small chance of being drawn early
            group.sort(Comparator.comparingInt(SrvRecord::weight));
            while (!group.isEmpty()) {
                out.add(group.remove(draw(group, random)));
            }
        }
        return out;
    }

    private static int draw(List<SrvRecord> group, RandomGenerator random) {
        long total = 0;
        for (SrvRecord r : group) {
            total += r.weight();
        }
        long pick = total == 0 ? 0 : random.nextLong(total + 1);
        long running = 0;
        for (int i = 0; i < group.size(); i++) {
            running += group.get(i).weight();
            if (running >= pick) {
                return i;
            }
        }
        return group.size() - 1;
    }
}
