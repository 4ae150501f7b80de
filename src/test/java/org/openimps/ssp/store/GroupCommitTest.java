package org.openimps.ssp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private final ExecutorService writers = Executors.newCachedThreadPool();
    private final List<List<Integer>> commits = Collections.synchronizedList(new ArrayList<>());
    /** The first commit waits for this, so that writes pile up behind it. */
    private final CountDownLatch firstCommitMayEnd = new CountDownLatch(1);

    @AfterEach
    void stopWriters() {
        firstCommitMayEnd.countDown();
        writers.shutdownNow();
    }

    /** Records each batch and returns ten times each item; the first batch blocks until released. */
    private List<Integer> recordingCommit(List<Integer> batch) {
        commits.add(batch);
        if (commits.size() == 1) {
            await(firstCommitMayEnd);
        }
        return batch.stream().map(i -> i * 10).toList();
    }

    @Test
    void writesArrivingDuringACommitShareTheNextCommit() throws Exception {
        GroupCommit<Integer, Integer> group = new GroupCommit<>(this::recordingCommit, 100, 100);
        Future<Integer> first = writers.submit(() -> group.write(1));
        List<Future<Integer>> behind = fiveWritesBehindTheFirstCommit(group);
        firstCommitMayEnd.countDown();

        assertEquals(10, first.get(5, TimeUnit.SECONDS));
        for (int i = 0; i < behind.size(); i++) {
            assertEquals((i + 2) * 10, behind.get(i).get(5, TimeUnit.SECONDS), "each write gets its own result");
        }
        assertEquals(2, commits.size(), "six writes, two commits: " + commits);
        assertEquals(List.of(2, 3, 4, 5, 6), commits.get(1).stream().sorted().toList());
    }

    @Test
    void aLoneWriteCommitsAtOnceInABatchOfOne() {
        firstCommitMayEnd.countDown();
        GroupCommit<Integer, Integer> group = new GroupCommit<>(this::recordingCommit, 100, 100);
        assertEquals(70, group.write(7));
        assertEquals(List.of(List.of(7)), commits);
    }

    @Test
    void aBatchNeverExceedsMaxBatch() throws Exception {
        GroupCommit<Integer, Integer> group = new GroupCommit<>(this::recordingCommit, 2, 100);
        writers.submit(() -> group.write(1));
        List<Future<Integer>> behind = fiveWritesBehindTheFirstCommit(group);
        firstCommitMayEnd.countDown();
        for (Future<Integer> f : behind) {
            f.get(5, TimeUnit.SECONDS);
        }
        assertTrue(commits.stream().allMatch(b -> b.size() <= 2), commits.toString());
        assertEquals(6, commits.stream().mapToInt(List::size).sum());
    }

    @Test
    void aFailedCommitFailsEveryWriteOfItsBatchAndTheNextCommitStillRuns() throws Exception {
        IllegalStateException down = new IllegalStateException("datasource down");
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> seen = Collections.synchronizedList(new ArrayList<>());
        Function<List<Integer>, List<Integer>> failingSecond = batch -> {
            seen.add(batch);
            if (seen.size() == 1) {
                await(release);
                return List.of(0);
            }
            if (seen.size() == 2) {
                throw down;
            }
            return batch;
        };
        GroupCommit<Integer, Integer> group = new GroupCommit<>(failingSecond, 100, 100);
        writers.submit(() -> group.write(1));
        awaitTrue(() -> seen.size() == 1);
        Future<Integer> a = writers.submit(() -> group.write(2));
        Future<Integer> b = writers.submit(() -> group.write(3));
        awaitTrue(() -> group.waiting() == 2);
        release.countDown();

        for (Future<Integer> f : List.of(a, b)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertSame(down, e.getCause());
        }
        assertEquals(4, group.write(4));
    }

    @Test
    void writesBeyondMaxWaitingAreRefusedNotQueued() throws Exception {
        GroupCommit<Integer, Integer> group = new GroupCommit<>(this::recordingCommit, 100, 2);
        writers.submit(() -> group.write(1));
        awaitTrue(() -> commits.size() == 1);
        writers.submit(() -> group.write(2));
        writers.submit(() -> group.write(3));
        awaitTrue(() -> group.waiting() == 2);

        assertThrows(GroupCommit.StoreBusyException.class, () -> group.write(4));
    }

    /** Once the first write's commit has started (and blocks): writes 2..6, returned when all five wait. */
    private List<Future<Integer>> fiveWritesBehindTheFirstCommit(GroupCommit<Integer, Integer> group) throws InterruptedException {
        awaitTrue(() -> commits.size() == 1);
        List<Future<Integer>> behind = new ArrayList<>();
        for (int i = 2; i <= 6; i++) {
            int item = i;
            behind.add(writers.submit(() -> group.write(item)));
        }
        awaitTrue(() -> group.waiting() == 5);
        return behind;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls for up to 5 s: the writer threads get there in microseconds. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within 5 s");
            }
            Thread.sleep(1);
        }
    }
}
