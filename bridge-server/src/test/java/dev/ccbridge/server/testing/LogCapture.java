package dev.ccbridge.server.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the messages of a logger and those below it while open, e.g. the bridge's exchange log
 * ({@code ccbridge.exchange}), whose line for a request is written just after the response went out, so tests wait
 * for it, the payload log ({@code ccbridge.payload}), whose lines for a request are all written before its exchange
 * line, or every logger (to search all output for secrets). Open one per test: request ids repeat across bridges,
 * which all number their requests from one.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final List<String> lines = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getMessage());
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    lines.add(trace.toString());
                }
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
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
     * @param requestId a request id
     * @return every line so far that starts with it, in order
     */
    public List<String> linesOf(String requestId) {
        synchronized (lines) {
            return lines.stream().filter(line -> line.startsWith(requestId + " ")).toList();
        }
    }

    /**
     * Captures a logger and the loggers below it, at the levels they are set to log.
     *
     * @param name a logger name; empty for every logger
     * @return the capture
     */
    public static LogCapture of(String name) {
        return new LogCapture(name, null);
    }

    /**
     * @return every message so far, each followed by the stack trace of its exception, if any
     */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * @return the messages logged at {@code WARNING} or above so far
     */
    public List<String> warnings() {
        synchronized (lines) {
            return List.copyOf(warnings);
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
