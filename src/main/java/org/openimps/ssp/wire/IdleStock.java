package org.openimps.ssp.wire;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded stock of idle objects that cost something to create and must not be shared between threads (JAXB
 * marshallers and unmarshallers): a thread takes one, uses it alone and gives it back after a clean use. An
 * empty stock creates a new one; a full stock drops what is given back, so it never holds more than its bound.
 */
final class IdleStock<T, E extends Exception> {
    /** Creates a new object when none is idle. */
    @FunctionalInterface
    interface Factory<T, E extends Exception> {
        T create() throws E;
    }

    private final BlockingQueue<T> idle;
    private final Factory<T, E> factory;

    IdleStock(int bound, Factory<T, E> factory) {
        this.idle = new ArrayBlockingQueue<>(bound);
        this.factory = factory;
    }

    T take() throws E {
        T object = idle.poll();
        return object != null ? object : factory.create();
    }

    /** Only objects whose last use ended normally: one left mid-document by an exception is not given back. */
    void giveBack(T object) {
        idle.offer(object);
    }

    int idleCount() {
        return idle.size();
    }
}
