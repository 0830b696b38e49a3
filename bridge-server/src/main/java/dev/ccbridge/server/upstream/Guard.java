package dev.ccbridge.server.upstream;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One blocking call guarded by the {@link Watchdog}. The call ends either on its own or because it was stopped;
 * exactly one of the two wins, and the guarded thread learns which when it {@linkplain #succeeded ends} the guard.
 * A stop interrupts the thread; ending the guard waits until that interrupt has been delivered and clears it, so
 * no interrupt outlives the call it was meant for.
 */
public final class Guard implements AutoCloseable {

    /** Why a call was stopped. */
    enum Stop {
        TIMEOUT, CANCELLED
    }

    /** Where the call is: a stop moves it from running through stopping (interrupt under way) to stopped. */
    private enum State {
        RUNNING, ENDED, STOPPING, STOPPED
    }

    private final Watchdog watchdog;
    private final Thread thread;
    private final LongSupplier deadline;
    private final Supplier<RuntimeException> timeout;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private volatile Stop stop;
    private Cancellation.Registration cancellation;
    private boolean ended;
    private Stop outcome;

    Guard(Watchdog watchdog, Thread thread, LongSupplier deadline, Supplier<RuntimeException> timeout) {
        this.watchdog = watchdog;
        this.thread = thread;
        this.deadline = deadline;
        this.timeout = timeout;
    }

    void cancelWith(Cancellation exchange) {
        cancellation = exchange.onCancel(() -> stop(Stop.CANCELLED));
    }

    long deadline() {
        return deadline.getAsLong();
    }

    /** Runs on the watchdog's or the cancelling thread (or the guarded one, when it was cancelled already). */
    void stop(Stop why) {
        if (state.compareAndSet(State.RUNNING, State.STOPPING)) {
            stop = why;
            thread.interrupt();
            state.set(State.STOPPED);
        }
    }

    /**
     * The call threw.
     *
     * @param failure what it threw
     * @return what to throw instead: the stop's error when the call was stopped (its failure is the stop's doing),
     *         else the failure
     */
    public RuntimeException failed(RuntimeException failure) {
        Stop stopped = end();
        return stopped == null ? failure : error(stopped);
    }

    /**
     * The call returned.
     *
     * @param discard releases what the call returned, run only when the call was stopped after all
     * @throws RuntimeException the stop's error when the call was stopped
     */
    public void succeeded(Runnable discard) {
        Stop stopped = end();
        if (stopped != null) {
            discard.run();
            throw error(stopped);
        }
    }

    /** Ends the guard if neither {@link #failed} nor {@link #succeeded} did, e.g. when the call threw an error. */
    @Override
    public void close() {
        end();
    }

    private Stop end() {
        if (ended) {
            return outcome;
        }
        ended = true;
        if (!state.compareAndSet(State.RUNNING, State.ENDED)) {
            while (state.get() != State.STOPPED) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            outcome = stop;
        }
        cancellation.close();
        watchdog.release(this);
        return outcome;
    }

    private RuntimeException error(Stop stopped) {
        return stopped == Stop.TIMEOUT ? timeout.get() : new CancellationException("the exchange was cancelled");
    }
}
