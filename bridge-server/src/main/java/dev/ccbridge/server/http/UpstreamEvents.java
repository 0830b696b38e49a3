package dev.ccbridge.server.http;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.UpstreamEvent;
import dev.ccbridge.server.openai.UpstreamEventReader;
import dev.ccbridge.server.upstream.Cancellation;

import io.helidon.webclient.api.HttpClientResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an upstream stream on a virtual thread of its own, applies the adapter's quirks, and hands the events to
 * the request thread through a small bounded queue. The request thread can then wait with a timeout, which is
 * how it notices upstream silence (and pings the client, which is how it notices a client that left) without
 * ever writing from two threads. A full queue blocks the reader, so a slow client slows the upstream read
 * instead of filling memory. A cancellation closes the upstream connection and wakes the request thread with
 * {@link Cancelled}.
 */
final class UpstreamEvents implements AutoCloseable {

    /** The upstream body ended. */
    record End() {
    }

    /**
     * Reading the upstream failed (timeout, reset).
     *
     * @param cause what was thrown
     */
    record Failure(Throwable cause) {
    }

    /** The exchange was cancelled; the upstream connection is closed. */
    record Cancelled() {
    }

    private static final int CAPACITY = 64;

    private final HttpClientResponse response;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread reader;
    private final Cancellation.Registration cancellation;
    private volatile boolean closed;
    private volatile long waitingSince;

    /**
     * @param response     the upstream response to read
     * @param quirks       the adapter's stream repairs
     * @param copy         receives every byte read, for the recording
     * @param threadName   the reader thread's name
     * @param cancellation the exchange's cancellation, which stops the reading
     */
    UpstreamEvents(HttpClientResponse response, List<ChunkQuirk> quirks, OutputStream copy, String threadName,
                   Cancellation cancellation) {
        this.response = response;
        List<ChunkQuirk.Rewriter> rewriters = quirks.stream().map(ChunkQuirk::open).toList();
        this.reader = Thread.ofVirtual().name(threadName).start(() -> read(rewriters, copy));
        this.cancellation = cancellation.onCancel(this::cancel);
    }

    private void read(List<ChunkQuirk.Rewriter> rewriters, OutputStream copy) {
        Object last;
        try {
            UpstreamEventReader events = new UpstreamEventReader(watched(response.inputStream(), copy));
            UpstreamEvent event;
            while ((event = events.next()) != null) {
                for (int i = 0; i < rewriters.size() && event != null; i++) {
                    event = rewriters.get(i).rewrite(event);
                }
                if (event != null) {
                    queue.put(event);
                }
            }
            last = new End();
        } catch (InterruptedException e) {
            return;
        } catch (Exception e) {
            if (closed) {
                return;
            }
            last = new Failure(e);
        }
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Copies what is read for the recording, and notes when the reader starts waiting for the upstream: only that
     * wait is silence. A single large chunk that takes longer than the idle timeout to arrive and parse is not.
     */
    private InputStream watched(InputStream in, OutputStream copy) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                waitingSince = System.nanoTime();
                try {
                    int b = super.read();
                    if (b >= 0) {
                        copy.write(b);
                    }
                    return b;
                } finally {
                    waitingSince = 0;
                }
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                waitingSince = System.nanoTime();
                try {
                    int read = super.read(bytes, offset, length);
                    if (read > 0) {
                        copy.write(bytes, offset, read);
                    }
                    return read;
                } finally {
                    waitingSince = 0;
                }
            }
        };
    }

    /**
     * @param now the current {@link System#nanoTime()}
     * @return how long the reader has been waiting for the upstream to send something; zero while it is busy
     */
    long silence(long now) {
        long since = waitingSince;
        return since == 0 ? 0 : now - since;
    }

    /**
     * @param timeout how long to wait
     * @return the next event, {@link End}, {@link Failure} or {@link Cancelled}; {@code null} when the upstream
     *         stayed silent
     */
    Object poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * @return whether an event is already waiting, so a write to the client can wait for it too
     */
    boolean ready() {
        return !queue.isEmpty();
    }

    /**
     * Waits briefly for the rest of the body (after {@code [DONE]} only the stream's end should follow), so a
     * fully read connection goes back to the pool instead of being closed.
     *
     * @param timeout how long to wait
     */
    void awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Object item = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (item == null || item instanceof End || item instanceof Failure || item instanceof Cancelled) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the thread that cancels: stops reading and wakes the request thread. */
    private void cancel() {
        stop();
        queue.offer(new Cancelled());
    }

    private void stop() {
        closed = true;
        response.close();
        reader.interrupt();
        queue.clear();
    }

    /** Stops reading and releases the upstream connection (closed unless it was read to the end). */
    @Override
    public void close() {
        cancellation.close();
        stop();
    }
}
