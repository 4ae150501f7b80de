package org.openimps.ssp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleStockTest {
    private final AtomicInteger created = new AtomicInteger();
    private final IdleStock<Object, RuntimeException> stock = new IdleStock<>(2, () -> {
        created.incrementAndGet();
        return new Object();
    });

    @Test
    void reusesWhatWasGivenBackAndCreatesOnlyWhenNoneIsIdle() {
        Object first = stock.take();
        Object second = stock.take();
        assertNotSame(first, second);
        stock.giveBack(first);
        assertSame(first, stock.take());
        assertEquals(2, created.get());
    }

    @Test
    void keepsNoMoreThanItsBound() {
        Object a = stock.take();
        Object b = stock.take();
        Object c = stock.take();
        stock.giveBack(a);
        stock.giveBack(b);
        stock.giveBack(c);
        assertEquals(2, stock.idleCount());
    }
}
