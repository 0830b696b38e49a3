package dev.ccbridge.server.upstream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guarded calls are blocking socket reads on virtual threads, as the bridge makes them on Helidon's request threads:
 * a peer that accepts and never sends keeps the read blocked until the guard stops it.
 */
class WatchdogTest {

    private ServerSocket silentPeer;

    @BeforeEach
    void listen() throws IOException {
        silentPeer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        silentPeer.close();
    }

    @Test
    void aReadPastItsDeadlineEndsWithTheTimeoutErrorAndLeavesNoInterrupt() throws Exception {
        Outcome outcome = onVirtualThread(() -> {
            long deadline = System.nanoTime() + Duration.ofMillis(150).toNanos();
            return blockingRead(() -> deadline, new Cancellation());
        });

        UncheckedIOException timeout = assertInstanceOf(UncheckedIOException.class, outcome.failure());
        assertInstanceOf(SocketTimeoutException.class, timeout.getCause());
        assertTrue(outcome.millis() >= 150, outcome.millis() + " ms");
        assertTrue(outcome.millis() < 150 + 1_000, outcome.millis() + " ms");
        assertFalse(outcome.interruptedAfter());
    }

    @Test
    void aCancellationEndsTheReadWithACancellationException() throws Exception {
        Cancellation cancellation = new Cancellation();
        CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return onVirtualThread(() -> blockingRead(() -> Long.MAX_VALUE, cancellation));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        cancellation.cancel();

        Outcome result = outcome.get(5, TimeUnit.SECONDS);
        assertInstanceOf(CancellationException.class, result.failure());
        assertFalse(result.interruptedAfter());
    }

    @Test
    void aCallOfAnAlreadyCancelledExchangeIsStoppedAtOnce() throws Exception {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();

        Outcome outcome = onVirtualThread(() -> blockingRead(() -> Long.MAX_VALUE, cancellation));

        assertInstanceOf(CancellationException.class, outcome.failure());
        assertTrue(outcome.millis() < 1_000, outcome.millis() + " ms");
        assertFalse(outcome.interruptedAfter());
    }

    @Test
    void aDeadlineThatMovesWithProgressKeepsTheCallAlive() throws Exception {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        long idle = Duration.ofMillis(100).toNanos();
        Outcome outcome = onVirtualThread(() -> {
            try (Guard guard = Watchdog.shared().guard(() -> lastProgress.get() + idle,
                    () -> new IllegalStateException("timed out"), new Cancellation())) {
                for (int i = 0; i < 10; i++) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        throw guard.failed(new IllegalStateException(e));
                    }
                    lastProgress.set(System.nanoTime());
                }
                guard.succeeded(() -> {
                });
                return "done";
            }
        });

        assertEquals("done", outcome.value());
        assertTrue(outcome.millis() >= 500, outcome.millis() + " ms");
    }

    @Test
    void aCallThatEndedInTimeIsNeverInterruptedLater() throws Exception {
        Outcome outcome = onVirtualThread(() -> {
            long deadline = System.nanoTime() + Duration.ofMillis(50).toNanos();
            try (Guard guard = Watchdog.shared().guard(() -> deadline, () -> new IllegalStateException("late"),
                    new Cancellation())) {
                guard.succeeded(() -> {
                    throw new AssertionError("nothing to discard: the call was not stopped");
                });
            }
            try {
                Thread.sleep(Watchdog.TICK.multipliedBy(5).plusMillis(50));
            } catch (InterruptedException e) {
                return "interrupted";
            }
            return "slept";
        });

        assertEquals("slept", outcome.value());
    }

    @Test
    void theWatchdogThreadStopsWhenNothingIsGuarded() throws Exception {
        onVirtualThread(() -> {
            try (Guard guard = Watchdog.shared().guard(() -> Long.MAX_VALUE, IllegalStateException::new,
                    new Cancellation())) {
                guard.succeeded(() -> {
                });
            }
            return null;
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (watchdogRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(watchdogRunning());
    }

    private String blockingRead(LongSupplier deadline, Cancellation cancellation) {
        try (Socket socket = new Socket(silentPeer.getInetAddress(), silentPeer.getLocalPort());
             Guard guard = Watchdog.shared().guard(deadline, () -> new UncheckedIOException(
                     new SocketTimeoutException("too late")), cancellation)) {
            int read;
            try (InputStream in = socket.getInputStream()) {
                read = in.read();
            } catch (IOException e) {
                throw guard.failed(new UncheckedIOException(e));
            }
            guard.succeeded(() -> {
            });
            return "read " + read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean watchdogRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(Watchdog.THREAD_NAME) && thread.isAlive());
    }

    private record Outcome(Object value, RuntimeException failure, long millis, boolean interruptedAfter) {
    }

    private static Outcome onVirtualThread(Supplier<Object> call) throws Exception {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            long start = System.nanoTime();
            Object value = null;
            RuntimeException failure = null;
            try {
                value = call.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            outcome.complete(new Outcome(value, failure, (System.nanoTime() - start) / 1_000_000,
                    Thread.currentThread().isInterrupted()));
        });
        return outcome.get(10, TimeUnit.SECONDS);
    }
}
