package dev.ccbridge.server.upstream;

import dev.ccbridge.server.OnDemandLoop;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Ends blocking upstream calls made on the request's own thread once they outlast their deadline or their exchange
 * is cancelled, by interrupting that thread: a virtual thread blocked on a socket is woken and the socket closed
 * (JEP 444), and Helidon runs every request on one. The alternative, making each call on a thread of its own and
 * waiting for it with a timeout, costs a thread and two hand-overs per call, about a sixth of the bridge's CPU per
 * non-streamed request.
 *
 * <p>One thread checks the deadlines every {@link #TICK}, so a deadline is kept to within a tick. It runs only while
 * calls are guarded.
 */
public final class Watchdog {

    /** How often deadlines are checked. */
    static final Duration TICK = Duration.ofMillis(20);
    /** The checking thread's name. */
    static final String THREAD_NAME = "watchdog-upstream-calls";

    private static final Watchdog SHARED = new Watchdog();

    private final Set<Guard> guarded = ConcurrentHashMap.newKeySet();
    private final OnDemandLoop checks = new OnDemandLoop(THREAD_NAME, TICK, guarded::isEmpty, pause -> {
        stopLate();
        return pause;
    });

    /**
     * @return the process's watchdog
     */
    public static Watchdog shared() {
        return SHARED;
    }

    /**
     * Guards a blocking call the current thread is about to make.
     *
     * @param deadline     when the call must have ended, in {@link System#nanoTime()}; asked again at every check,
     *                     so it may move (an idle timeout restarts with each byte read)
     * @param timeout      the error a call stopped by its deadline ends with, made on the guarded thread
     * @param cancellation the exchange's cancellation, which stops the call too
     * @return the guard, to end when the call returns or throws
     */
    public Guard guard(LongSupplier deadline, Supplier<RuntimeException> timeout, Cancellation cancellation) {
        Guard guard = new Guard(this, Thread.currentThread(), deadline, timeout);
        guarded.add(guard);
        checks.wake();
        guard.cancelWith(cancellation);
        return guard;
    }

    void release(Guard guard) {
        guarded.remove(guard);
    }

    private void stopLate() {
        long now = System.nanoTime();
        for (Guard guard : guarded) {
            if (now - guard.deadline() >= 0) {
                guard.stop(Guard.Stop.TIMEOUT);
            }
        }
    }
}
