package org.openimps.ssp.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writes a caller must wait for, committed together: the caller that gets the commit lock writes everything
 * waiting (its own write and the ones queued behind the previous commit) in one transaction; the others find
 * theirs done when they get the lock. One transaction per write cost more than the rest of an SSP transaction
 * (bench profile); under load, one commit now serves many writes, and a lone write still commits at once
 * (no timer, no extra thread). A failed commit fails every write of its batch: the callers refuse their work
 * with a Status and nothing is half-stored (the store is down, or another node wrote the same key first).
 *
 * @param <T> what is written
 * @param <R> what the write returns (e.g. the generated id)
 */
public final class GroupCommit<T, R> {
    private final Function<List<T>, List<R>> commit;
    private final int maxBatch;
    private final BlockingQueue<Write<T, R>> waiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final LongAdder commits = new LongAdder();
    private final LongAdder written = new LongAdder();

    /**
     * @param commit   writes a batch in one transaction; returns one result per write, in order
     * @param maxBatch most writes in one transaction
     * @param maxWaiting most writes waiting for a commit; beyond it {@link #write} refuses
     */
    public GroupCommit(Function<List<T>, List<R>> commit, int maxBatch, int maxWaiting) {
        this.commit = commit;
        this.maxBatch = maxBatch;
        this.waiting = new ArrayBlockingQueue<>(maxWaiting);
    }

    /**
     * Writes {@code item} durably and returns its result, or throws what its commit threw.
     *
     * @throws StoreBusyException when {@code maxWaiting} writes are already waiting
     */
    public R write(T item) {
        Write<T, R> write = new Write<>(item);
        if (!waiting.offer(write)) {
            throw new StoreBusyException(waiting.size() + " writes already wait for a commit");
        }
        while (!write.done) {
            lock.lock();
            try {
                if (!write.done) {
                    commitWaiting();
                }
            } finally {
                lock.unlock();
            }
        }
        if (write.failure != null) {
            throw write.failure;
        }
        return write.result;
    }

    /** Writes waiting for a commit (not the ones being committed). */
    public int waiting() {
        return waiting.size();
    }

    /** Commits so far (successful or not). */
    public long commits() {
        return commits.sum();
    }

    /** Writes those commits carried: written / commits is the mean batch. */
    public long written() {
        return written.sum();
    }

    /** Under the lock: one batch of what waits, oldest first. */
    private void commitWaiting() {
        List<Write<T, R>> batch = new ArrayList<>();
        waiting.drainTo(batch, maxBatch);
        if (batch.isEmpty()) {
            return;
        }
        commits.increment();
        written.add(batch.size());
        try {
            List<R> results = commit.apply(batch.stream().map(w -> w.item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).succeed(results.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(w -> w.fail(e));
        } finally {
            // an Error on the way: nobody may wait for a write that left the queue
            batch.stream().filter(w -> !w.done).forEach(w -> w.fail(new IllegalStateException("commit aborted")));
        }
    }

    /** {@code result} and {@code failure} are set before {@code done}, whose volatile write publishes them. */
    private static final class Write<T, R> {
        private final T item;
        private R result;
        private RuntimeException failure;
        private volatile boolean done;

        private Write(T item) {
            this.item = item;
        }

        private void succeed(R value) {
            result = value;
            done = true;
        }

        private void fail(RuntimeException e) {
            failure = e;
            done = true;
        }
    }

    /** Too many writes wait already: the caller refuses its work (a 503, the peer resends). */
    public static final class StoreBusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StoreBusyException(String message) {
            super(message);
        }
    }
}
