package dev.ccbridge.server.observe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonLinesTest {

    @TempDir
    Path dir;

    @Test
    void linesGoToTheirFileInOrderAndAFolderIsMadeWhenMissing() throws IOException {
        JsonLines lines = new JsonLines("test lines");
        Path file = dir.resolve("a/b/2026-11-21.jsonl");
        Path nextDay = dir.resolve("a/b/2026-11-22.jsonl");

        lines.append(file, "{\"n\":1}");
        lines.append(file, "{\"n\":2}");
        lines.append(nextDay, "{\"n\":3}");
        lines.append(file, "{\"n\":4}");

        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":4}"), Files.readAllLines(file));
        assertEquals(List.of("{\"n\":3}"), Files.readAllLines(nextDay));
    }

    @Test
    void aFileMovedAwayIsLeftAsItWasAndTheNextLineStartsANewOne() throws IOException {
        JsonLines lines = new JsonLines("test lines", Duration.ZERO);
        Path file = dir.resolve("usage.jsonl");
        Path rotated = dir.resolve("usage.jsonl.1");

        lines.append(file, "{\"n\":1}");
        Files.move(file, rotated);
        lines.append(file, "{\"n\":2}");

        assertEquals(List.of("{\"n\":1}"), Files.readAllLines(rotated));
        assertEquals(List.of("{\"n\":2}"), Files.readAllLines(file));
    }

    @Test
    void aDeletedFileAndFolderAreMadeAgain() throws IOException {
        JsonLines lines = new JsonLines("test lines", Duration.ZERO);
        Path file = dir.resolve("logs/exchanges.jsonl");

        lines.append(file, "{\"n\":1}");
        Files.delete(file);
        Files.delete(file.getParent());
        lines.append(file, "{\"n\":2}");

        assertEquals(List.of("{\"n\":2}"), Files.readAllLines(file));
    }

    @Test
    void untilItIsCheckedAgainAMovedFileStillGetsTheLines() throws IOException {
        JsonLines lines = new JsonLines("test lines", Duration.ofHours(1));
        Path file = dir.resolve("usage.jsonl");
        Path rotated = dir.resolve("usage.jsonl.1");

        lines.append(file, "{\"n\":1}");
        Files.move(file, rotated);
        lines.append(file, "{\"n\":2}");

        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), Files.readAllLines(rotated));
    }
}
