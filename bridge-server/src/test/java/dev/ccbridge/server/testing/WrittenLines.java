package dev.ccbridge.server.testing;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads what the bridge's JSON-lines sinks wrote (the exchange log, the usage store). They run just after the
 * client got its answer, so a test waits for the line of its request.
 */
public final class WrittenLines {

    private WrittenLines() {
    }

    /**
     * @param file      a JSON-lines file
     * @param requestId a request id
     * @return the line whose {@code request_id} is that id
     * @throws AssertionError when none is written within five seconds
     */
    public static JsonObject await(Path file, String requestId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            for (JsonObject line : read(file)) {
                if (requestId.equals(line.getString("request_id", null))) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line for " + requestId + " in " + file + ": " + read(file));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /**
     * @param file a JSON-lines file
     * @return its lines, parsed; none when it does not exist
     */
    public static List<JsonObject> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                    .map(Json::parseObject).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param dir a folder or a file
     * @return the text of every file under it (or of the file itself)
     */
    public static String allText(Path dir) {
        if (!Files.exists(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
