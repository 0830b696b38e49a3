package dev.ccbridge.server.observe;

import dev.ccbridge.server.config.CommandLine;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.LogCapture;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;
import dev.ccbridge.server.testing.WrittenLines;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ccbridge usage}: the table and the JSON over what a real bridge recorded, the options, where the folder
 * comes from, and the exit codes.
 */
class UsageCommandTest {

    @TempDir
    Path dir;

    /** What one run printed. */
    private record Run(int exit, String out, String err) {
    }

    @Test
    void itSumsWhatABridgeRecordedPerKey() {
        Path usage = dir.resolve("usage");
        try (UpstreamStub upstream = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(upstream, Map.of("BRIDGE_USAGE_DIR", usage.toString(),
                     "BRIDGE_REPLICA", "cli"));
             LogCapture exchanges = LogCapture.exchanges()) {
            upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("one").finish("stop").usage(100, 10).done()));
            upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("two").finish("stop").usage(200, 20).done()));
            upstream.enqueue(UpstreamStub.json(200, Messages.completion("three")));
            for (String key : new String[] {"alice-fake-key-0001", "alice-fake-key-0001", "bob-fake-key-0002"}) {
                boolean stream = !key.startsWith("bob");
                exchanges.lineOf(bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5", stream),
                        Map.of("authorization", "Bearer " + key)).header("request-id"));
            }
            WrittenLines.await(usage.resolve("2026-01-01.cli.jsonl"), "req_0003");
            upstream.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        }

        Run table = run("--dir", usage.toString(), "--by", "key");
        Run json = run("--dir=" + usage, "--by=key", "--json");

        assertEquals(0, table.exit(), table.err());
        String alice = KeyFingerprint.of("alice-fake-key-0001");
        String bob = KeyFingerprint.of("bob-fake-key-0002");
        assertTrue(table.out().startsWith("usage in " + usage + ", all days: 3 requests from 1 file(s)\n"),
                table.out());
        assertTrue(table.out().contains("\n" + alice + "         2       0    300      30           0            0"
                + "        -     -\n"), table.out());
        assertTrue(table.out().contains("\n" + bob + "         1       0     12       3"), table.out());
        assertTrue(table.out().contains("\ntotal                    3       0    312      33"), table.out());
        assertEquals(0, json.exit(), json.err());
        JsonObject report = Json.parseObject(json.out());
        assertEquals(alice, report.getJsonArray("rows").getJsonObject(0).getString("key"));
        assertEquals(300, report.getJsonArray("rows").getJsonObject(0).getInt("input_tokens"));
        assertEquals(3, report.getJsonObject("total").getInt("requests"));
        assertEquals(312, report.getJsonObject("total").getInt("input_tokens"));
        assertEquals(33, report.getJsonObject("total").getInt("output_tokens"));
    }

    @Test
    void sinceUntilAndKeyNarrowIt() {
        UsageStore store = new UsageStore(dir, "r");
        store.exchangeFinished(Exchanges.answered("2026-03-01T00:00:00Z", "key-aaaaaaaaaaaa", null, "m",
                new int[] {1, 0, 0, 0}, Map.of()));
        store.exchangeFinished(Exchanges.answered("2026-03-02T00:00:00Z", "key-aaaaaaaaaaaa", null, "m",
                new int[] {2, 0, 0, 0}, Map.of()));
        store.exchangeFinished(Exchanges.answered("2026-03-02T00:00:00Z", "key-bbbbbbbbbbbb", null, "m",
                new int[] {4, 0, 0, 0}, Map.of()));

        Run run = run("--dir", dir.toString(), "--since", "2026-03-02", "--until", "2026-03-02", "--key",
                "key-bbbbbbbbbbbb", "--json");

        assertEquals(0, run.exit(), run.err());
        assertEquals(4, Json.parseObject(run.out()).getJsonObject("total").getInt("input_tokens"));
    }

    @Test
    void theFolderComesFromTheConfigurationWhenNotGiven() throws IOException {
        new UsageStore(dir.resolve("from-yaml"), "r").exchangeFinished(Exchanges.answered("2026-03-01T00:00:00Z",
                "key-aaaaaaaaaaaa", null, "m", new int[] {5, 0, 0, 0}, Map.of()));
        Path yaml = dir.resolve("ccbridge.yaml");
        Files.writeString(yaml, "bridge:\n  usage-dir: " + dir.resolve("from-yaml") + "\n");
        Path off = dir.resolve("off.yaml");
        Files.writeString(off, "bridge:\n  usage-dir: \"off\"\n");

        Run configured = run("--config", yaml.toString(), "--json");
        Run turnedOff = run("--config", off.toString());

        assertEquals(0, configured.exit(), configured.err());
        assertEquals(5, Json.parseObject(configured.out()).getJsonObject("total").getInt("input_tokens"));
        assertEquals(1, turnedOff.exit());
        assertTrue(turnedOff.err().contains("usage records are off") && turnedOff.err().contains("--dir"),
                turnedOff.err());
    }

    @Test
    void nothingRecordedYetIsNotAnError() {
        Run run = run("--dir", dir.resolve("not-yet").toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("no usage recorded in " + dir.resolve("not-yet")), run.out());
        assertTrue(run.out().contains("does not exist yet"), run.out());
    }

    @Test
    void aBadOptionExitsWithTwoAndTheUsage() {
        Run unknown = run("--colour", "red");
        Run badDay = run("--dir", dir.toString(), "--since", "yesterday");
        Run missingValue = run("--by");

        for (Run run : new Run[] {unknown, badDay, missingValue}) {
            assertEquals(2, run.exit(), run.err());
            assertTrue(run.err().contains(UsageCommand.USAGE), run.err());
        }
        assertTrue(unknown.err().startsWith("ccbridge usage: unknown option '--colour'"), unknown.err());
        assertTrue(badDay.err().startsWith("ccbridge usage: since must be a day such as"), badDay.err());
    }

    @Test
    void helpListsEveryOptionAndTheBridgesHelpNamesTheCommand() {
        Run help = run("--help");

        assertEquals(0, help.exit());
        for (String option : new String[] {"--dir", "--config", "--since", "--until", "--by", "--key", "--json"}) {
            assertTrue(help.out().contains(option), option);
        }
        assertTrue(CommandLine.USAGE.contains("ccbridge usage"), CommandLine.USAGE);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = UsageCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
