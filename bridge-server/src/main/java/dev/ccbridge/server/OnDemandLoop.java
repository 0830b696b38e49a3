package dev.ccbridge.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

/**
 * A daemon thread that takes a step after each pause for as long as it has something to look after, ends when it
 * has nothing, and is started again by the next {@link #wake()}. For periodic checks that cost nothing while the
 * bridge is idle, such as timeouts and departed clients.
 */
public final class OnDemandLoop {

    private final String threadName;
    private final long firstPause;
    private final BooleanSupplier idle;
    private final LongUnaryOperator step;
    private boolean running;

    /**
     * @param threadName the thread's name
     * @param firstPause the pause before the first step
     * @param idle       whether there is nothing to look after; asked under the same lock as {@link #wake()}, so
     *                   work registered before a wake is never missed
     * @param step       takes a step, given the pause before it in nanoseconds, and returns the pause before the next
     */
    public OnDemandLoop(String threadName, Duration firstPause, BooleanSupplier idle, LongUnaryOperator step) {
        this.threadName = threadName;
        this.firstPause = firstPause.toNanos();
        this.idle = idle;
        this.step = step;
    }

    /** Starts the thread unless it runs; call after registering work. */
    public synchronized void wake() {
        if (!running) {
            running = true;
            Thread.ofPlatform().daemon().name(threadName).start(this::run);
        }
    }

    private void run() {
        long pause = firstPause;
        while (true) {
            try {
                Thread.sleep(Duration.ofNanos(pause));
            } catch (InterruptedException e) {
                synchronized (this) {
                    running = false;
                }
                return;
            }
            synchronized (this) {
                if (idle.getAsBoolean()) {
                    running = false;
                    return;
                }
            }
            pause = step.applyAsLong(pause);
        }
    }
}
