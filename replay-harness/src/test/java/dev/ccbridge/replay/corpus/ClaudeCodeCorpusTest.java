package dev.ccbridge.replay.corpus;

import dev.ccbridge.replay.play.FolderReplayer;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance suite: every session recorded from the real Claude Code CLI (see {@code RecordCorpus}) replayed
 * through a bridge built from today's code. A session passes when the bridge sends the upstream exactly the
 * recorded requests and answers Claude Code with exactly the recorded responses, ids and volatile headers aside.
 */
class ClaudeCodeCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/sessions");

    @TestFactory
    Stream<DynamicTest> everyRecordedSessionReplaysUnchanged() {
        List<Path> sessions = sessions();
        assertTrue(sessions.size() >= 14, "the corpus holds the 14 live scenarios, found " + sessions.size());
        return sessions.stream().map(session -> DynamicTest.dynamicTest(session.getFileName().toString(), () -> {
            FolderReplayer.Outcome outcome = new FolderReplayer(false).replayLocally(List.of(session)).getFirst();
            assertTrue(outcome.exchanges() > 0, session + " has no exchanges");
            assertEquals(FolderReplayer.Result.PASS, outcome.result(), outcome.details());
        }));
    }

    private static List<Path> sessions() {
        try (Stream<Path> entries = Files.list(CORPUS)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
