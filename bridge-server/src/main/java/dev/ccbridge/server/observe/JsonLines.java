package dev.ccbridge.server.observe;

import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends lines to JSON-lines files, one line at a time for the whole process (one writer). The file stays open
 * between lines, and each line goes out in one {@code O_APPEND} write, so a crash leaves at most one torn last line.
 * Opening and closing the file for every line, as this class once did, cost a tenth of the bridge's CPU under load:
 * the lock is held across both system calls, and every other request's thread queues behind it. A file moved away
 * or deleted (rotated) is noticed within {@link #RECHECK} by comparing the path's file with the open one, and the
 * next line goes to a new file at the path; a new day's file is a new path.
 *
 * <p>A file that cannot be written never fails the exchange: the first failure is a warning that says what goes
 * unrecorded, the ones after it stay quiet until a write succeeds again, which is logged too.
 */
final class JsonLines {

    private static final System.Logger LOG = System.getLogger("ccbridge.exchange");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** How often the open file is compared with the one at its path. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private final String what;
    private final long recheckNanos;
    /** A lock, not a monitor: on JDK 21 a virtual thread waiting on a monitor, or doing I/O in one, pins its carrier. */
    private final ReentrantLock writing = new ReentrantLock();
    private boolean failing;
    private FileChannel open;
    private Path openPath;
    private Object openFile;
    private long checkedAt;

    /**
     * @param what what the lines are, for the log: {@code the exchange log}, {@code the usage store}
     */
    JsonLines(String what) {
        this(what, RECHECK);
    }

    /**
     * @param what    what the lines are, for the log
     * @param recheck how often the open file is compared with the one at its path
     */
    JsonLines(String what, Duration recheck) {
        this.what = what;
        this.recheckNanos = recheck.toNanos();
    }

    /**
     * @param time an instant
     * @return it as every JSON line writes a time: ISO-8601 in UTC with milliseconds, e.g.
     *         {@code 2026-11-21T09:28:47.412Z}, the same length every time so lines sort by it
     */
    static String time(Instant time) {
        return TIME.format(time);
    }

    /**
     * @param file the file; it and its folders are created when missing
     * @param line one line of JSON, without its line end
     */
    void append(Path file, String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        writing.lock();
        try {
            try {
                write(file, bytes);
            } catch (NoSuchFileException missingFolder) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                write(file, bytes);
            }
            if (failing) {
                failing = false;
                LOG.log(System.Logger.Level.INFO, () -> what + " is written again, to " + file);
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                LOG.log(System.Logger.Level.WARNING, () -> "cannot write " + what + " to " + file + " (" + e
                        + "); exchanges go unrecorded there until it can be written");
            }
        } finally {
            writing.unlock();
        }
    }

    /** Adds the member, or a JSON null when the value is missing: every line has the same members. */
    static void put(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    /** Adds the member, or a JSON null when the value is missing: every line has the same members. */
    static void put(JsonObjectBuilder json, String name, BigDecimal value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private void write(Path file, ByteBuffer bytes) throws IOException {
        FileChannel channel = channel(file);
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            closeOpen();
            throw e;
        }
    }

    private FileChannel channel(Path file) throws IOException {
        long now = System.nanoTime();
        if (open != null && file.equals(openPath)) {
            if (now - checkedAt < recheckNanos) {
                return open;
            }
            if (Objects.equals(fileAt(file), openFile)) {
                checkedAt = now;
                return open;
            }
        }
        closeOpen();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        open = channel;
        openPath = file;
        openFile = fileAt(file);
        checkedAt = now;
        return channel;
    }

    /** @return what identifies the file at the path (its inode on Linux), or {@code null} when there is none */
    private static Object fileAt(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private void closeOpen() {
        if (open == null) {
            return;
        }
        try {
            open.close();
        } catch (IOException e) {
            // a failed close of a file being given up on changes nothing
        }
        open = null;
        openPath = null;
        openFile = null;
    }
}
