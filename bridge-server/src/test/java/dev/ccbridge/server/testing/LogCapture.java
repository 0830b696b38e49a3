package dev.ccbridge.server.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the messages of one logger while open, e.g. the bridge's exchange log ({@code ccbridge.exchange}),
 * whose line for a request is written just after the response went out, so tests wait for it, or the payload log
 * ({@code ccbridge.payload}), whose lines for a request are all written before its exchange line. Open one per
 * test: request ids repeat across bridges, which all number their requests from one.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getThrown() == null ? record.getMessage()
                        : record.getMessage() + " " + record.getThrown());
                lines.notifyAll();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name, Level level) {
        this.logger = Logger.getLogger(name);
        this.previousLevel = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addHandler(handler);
    }

    /**
     * @return a capture of the exchange log, one line per client request
     */
    public static LogCapture exchanges() {
        return new LogCapture("ccbridge.exchange", null);
    }

    /**
     * @return a capture of the payload log ({@code ccbridge.payload}), whose level is debug while the capture is
     *         open
     */
    public static LogCapture payloads() {
        return new LogCapture("ccbridge.payload", Level.FINE);
    }

    /**
     * @return a capture of every bridge logger ({@code ccbridge} and below) at its configured level, to prove
     *         what never appears in any of them
     */
    public static LogCapture everything() {
        return new LogCapture("ccbridge", null);
    }

    /**
     * @return every line so far
     */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * @param requestId a request id
     * @return every line so far that starts with it, in order
     */
    public List<String> linesOf(String requestId) {
        synchronized (lines) {
            return lines.stream().filter(line -> line.startsWith(requestId + " ")).toList();
        }
    }

    /**
     * @param requestId a request id, as the client got it in {@code request-id}
     * @return the exchange line of that request
     * @throws AssertionError when none arrives within five seconds
     */
    public String lineOf(String requestId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (line.startsWith(requestId + " ")) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no log line for " + requestId + " in " + lines);
                }
                try {
                    lines.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
