package dev.ccbridge.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OnDemandLoopTest {

    private static final String NAME = "on-demand-loop-test";

    @Test
    void stepsWhileThereIsWorkEndsWithoutAndStartsAgainOnTheNextWake() throws Exception {
        AtomicInteger work = new AtomicInteger();
        AtomicInteger steps = new AtomicInteger();
        OnDemandLoop loop = new OnDemandLoop(NAME, Duration.ofMillis(5), () -> work.get() == 0, pause -> {
            steps.incrementAndGet();
            return pause;
        });

        work.set(1);
        loop.wake();
        loop.wake();
        await(() -> steps.get() >= 3);
        assertEquals(1, threads(), "one thread however often it is woken");

        work.set(0);
        await(() -> threads() == 0);
        int stepsWhenIdle = steps.get();
        Thread.sleep(50);
        assertEquals(stepsWhenIdle, steps.get(), "no step without work");

        work.set(1);
        loop.wake();
        await(() -> steps.get() > stepsWhenIdle);
        work.set(0);
        await(() -> threads() == 0);
    }

    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(NAME) && thread.isAlive()).count();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
