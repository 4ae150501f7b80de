package org.openimps.ssp.spi.reference;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Per-user lists of records (inbox, invitations, delivery reports) that keep the newest {@code bound} of each. */
final class BoundedLists<T> {
    private final Map<String, Deque<T>> lists = new ConcurrentHashMap<>();
    private final int bound;

    BoundedLists(int bound) {
        this.bound = bound;
    }

    /** Only users opened here receive records. */
    void open(String user) {
        lists.putIfAbsent(user, new ArrayDeque<>());
    }

    boolean has(String user) {
        return lists.containsKey(user);
    }

    void add(String user, T item) {
        Deque<T> list = lists.get(user);
        synchronized (list) {
            list.addLast(item);
            while (list.size() > bound) {
                list.removeFirst();
            }
        }
    }

    /** Removes the records matching; true when there was one. */
    boolean removeIf(String user, Predicate<T> match) {
        Deque<T> list = lists.get(user);
        if (list == null) {
            return false;
        }
        synchronized (list) {
            return list.removeIf(match);
        }
    }

    List<T> of(String user) {
        Deque<T> list = lists.get(user);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
