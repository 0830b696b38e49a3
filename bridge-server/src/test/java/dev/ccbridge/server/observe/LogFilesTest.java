package dev.ccbridge.server.observe;

import dev.ccbridge.server.testing.LogCapture;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;
import dev.ccbridge.server.testing.WrittenLines;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files the bridge keeps about exchanges as an operator sees them: created with their folders, appended to
 * across restarts, and, when they cannot be written, a warning instead of a failed request.
 */
class LogFilesTest {

    private static final String MODEL = "claude-sonnet-4-5";

    @TempDir
    Path dir;

    @Test
    void filesAndFoldersAreCreatedAndARestartAppends() {
        Path exchangeLog = dir.resolve("logs/deeper/exchanges.jsonl");
        Map<String, String> settings = Map.of("BRIDGE_EXCHANGE_LOG", exchangeLog.toString(),
                "BRIDGE_USAGE_DIR", dir.resolve("state/usage").toString(), "BRIDGE_REPLICA", "r");
        try (UpstreamStub upstream = UpstreamStub.start()) {
            for (int run = 0; run < 2; run++) {
                try (TestBridge bridge = TestBridge.forStub(upstream, settings)) {
                    upstream.enqueue(Messages.answer("run " + run, false));
                    String requestId = bridge.post("/v1/messages", Messages.request(MODEL, false))
                            .header("request-id");
                    WrittenLines.await(exchangeLog, requestId);
                    WrittenLines.await(dir.resolve("state/usage/2026-01-01.r.jsonl"), requestId);
                }
            }
        }

        assertEquals(2, WrittenLines.read(exchangeLog).size());
        assertEquals(2, WrittenLines.read(dir.resolve("state/usage/2026-01-01.r.jsonl")).size());
    }

    @Test
    void anUnwritableLogWarnsOnceFailsNoRequestAndSaysWhenItWritesAgain() throws IOException, InterruptedException {
        Path blocker = Files.writeString(dir.resolve("logs"), "a file where the folder should be");
        Path exchangeLog = blocker.resolve("exchanges.jsonl");
        try (UpstreamStub upstream = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(upstream, Map.of("BRIDGE_EXCHANGE_LOG", exchangeLog.toString()));
             LogCapture log = LogCapture.exchanges()) {
            for (int i = 0; i < 2; i++) {
                upstream.enqueue(Messages.answer("unrecorded", true));
                TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true));
                assertEquals(200, response.status(), response.body());
                log.lineOf(response.header("request-id"));
            }
            Files.delete(blocker);
            upstream.enqueue(Messages.answer("recorded", true));
            String recorded = bridge.post("/v1/messages", Messages.request(MODEL, true)).header("request-id");
            WrittenLines.await(exchangeLog, recorded);
            String writtenAgain = "the exchange log is written again, to " + exchangeLog;
            // Logged just after the line it is about.
            for (int wait = 0; wait < 100 && !log.lines().contains(writtenAgain); wait++) {
                Thread.sleep(10);
            }

            List<String> warnings = log.lines().stream().filter(line -> line.startsWith("cannot write")).toList();
            assertEquals(1, warnings.size(), log.lines().toString());
            assertTrue(warnings.getFirst().startsWith("cannot write the exchange log to " + exchangeLog), warnings
                    .getFirst());
            assertTrue(log.lines().contains(writtenAgain), log.lines().toString());
            assertEquals(1, WrittenLines.read(exchangeLog).size());
        }
    }
}
