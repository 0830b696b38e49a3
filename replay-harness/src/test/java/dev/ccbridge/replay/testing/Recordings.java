package dev.ccbridge.replay.testing;

import dev.ccbridge.server.recording.RecordingFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Files of recorded sessions, for tests. */
public final class Recordings {

    private Recordings() {
    }

    /**
     * Waits until a session's exchanges are all written: the bridge writes an exchange's client body, its last
     * file, just after the response went out, so a client can be a moment ahead of the recording.
     *
     * @param session   a session folder
     * @param exchanges how many exchanges it should hold
     */
    public static void awaitExchanges(Path session, int exchanges) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int number = 1; number <= exchanges; number++) {
            Path exchange = session.resolve(RecordingFormat.exchangeFolder(number));
            while (!(Files.exists(exchange.resolve("client-response.body.sse"))
                    || Files.exists(exchange.resolve("client-response.body.json")))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("exchange " + exchange + " was not recorded");
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /**
     * @param from a folder
     * @param to   where to copy it
     * @return the copy
     */
    public static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param root a folder
     * @return every file under it, sorted
     */
    public static List<Path> files(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param expected a folder
     * @param actual   another
     * @throws AssertionError naming the first file that is missing, extra or different
     */
    public static void assertSameFiles(Path expected, Path actual) {
        List<Path> want = files(expected).stream().map(expected::relativize).toList();
        List<Path> have = files(actual).stream().map(actual::relativize).toList();
        if (!want.equals(have)) {
            throw new AssertionError("files differ: expected " + want + " but found " + have);
        }
        for (Path file : want) {
            String before = read(expected.resolve(file));
            String after = read(actual.resolve(file));
            if (!before.equals(after)) {
                throw new AssertionError(file + " changed:\n--- before\n" + before + "\n--- after\n" + after);
            }
        }
    }

    /**
     * @param file a file
     * @return its text
     */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a file
     * @param text its new text
     */
    public static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
