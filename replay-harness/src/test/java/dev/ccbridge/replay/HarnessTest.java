package dev.ccbridge.replay;

import dev.ccbridge.replay.fixture.FixtureReader;
import dev.ccbridge.replay.play.ReplaySettings;
import dev.ccbridge.replay.testing.ClaudeCodeConversation;
import dev.ccbridge.replay.testing.Recordings;
import dev.ccbridge.server.RandomIds;
import dev.ccbridge.server.scripted.ScriptReader;
import dev.ccbridge.server.scripted.ScriptedUpstream;
import dev.ccbridge.server.testing.TestBridge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line, run in this process: {@code replay} locally and against a running bridge, and its errors. */
class HarnessTest {

    private static final String SESSION = "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f";

    @TempDir
    static Path recorded;

    @TempDir
    Path work;

    /**
     * What a run printed and returned.
     *
     * @param code the exit code
     * @param out  what it printed on standard output
     * @param err  what it printed on standard error
     */
    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void recordASession() {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptReader.parse("""
                {"rules": [{"when": {"lastContains": "weather"}, "reply": {"text": "Sunny all day."}}],
                 "fallback": {"reasoning": "A greeting.", "text": "Hello there."}}"""), 0);
             TestBridge bridge = TestBridge.start(Map.of("UPSTREAM_BASE_URL", upstream.baseUrl(),
                     "UPSTREAM_API_KEY", "harness-test-key", "BRIDGE_RECORD_DIR", recorded.toString()),
                     new RandomIds())) {
            ClaudeCodeConversation conversation = new ClaudeCodeConversation(SESSION, "/tmp/harness");
            conversation.answer(bridge.post("/v1/messages?beta=true", conversation.user("hello").request(true),
                    conversation.headers(true)));
            conversation.answer(bridge.post("/v1/messages?beta=true", conversation.user("and the weather?")
                    .request(true), conversation.headers(true)));
        }
        Recordings.awaitExchanges(recorded.resolve(SESSION), 2);
    }

    @Test
    void replayLocalPlaysASessionFolderAndPrintsAPassingRow() {
        Run run = run("replay", recorded.resolve(SESSION).toString(), "--local");

        assertEquals(Harness.PASSED, run.code(), run.out() + run.err());
        String[] lines = run.out().split("\\R");
        assertTrue(lines[0].matches("SESSION +EXCHANGES +RESULT +FIRST DIFFERENCE"), lines[0]);
        assertTrue(lines[1].matches(SESSION + " +2 +pass"), lines[1]);
        assertEquals("1 session, all passed", lines[2]);
        assertEquals(3, lines.length, run.out());
    }

    @Test
    void aFolderOfSessionsFailsWhenOneDiffersAndShowsTheFirstDifferenceAndTheDiff() {
        Path good = Recordings.copy(recorded.resolve(SESSION), work.resolve("good"));
        Path changed = Recordings.copy(recorded.resolve(SESSION), work.resolve("changed"));
        Path body = changed.resolve("0002").resolve("client-response.body.sse");
        Recordings.write(body, Recordings.read(body).replace("Sunny all d", "Rainy all d"));

        Run run = run("replay", work.toString(), "--local");

        assertEquals(Harness.NOT_PASSED, run.code(), run.out() + run.err());
        String[] lines = run.out().split("\\R");
        assertTrue(lines[1].matches("changed +2 +fail +exchange 2: client response body"), lines[1]);
        assertTrue(lines[2].matches("good +2 +pass"), lines[2]);
        assertEquals("2 sessions, 1 not passed", lines[3]);
        assertTrue(run.out().contains("--- changed (fail)\nexchange 2: client response body differs\n"), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("- ") && line.contains("Rainy all d")),
                run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("+ ") && line.contains("Sunny all d")),
                run.out());
        assertTrue(Files.exists(good));
    }

    @Test
    void reRecordWritesTheBridgesAnswersAndTheNextReplayPasses() {
        Path session = Recordings.copy(recorded.resolve(SESSION), work.resolve(SESSION));
        Path body = session.resolve("0001").resolve("client-response.body.sse");
        String original = Recordings.read(body);
        Recordings.write(body, original.replace("Hello th", "Howdy th"));

        Run rerecord = run("replay", session.toString(), "--local", "--rerecord");
        Run replay = run("replay", session.toString(), "--local");

        assertEquals(Harness.PASSED, rerecord.code(), rerecord.out() + rerecord.err());
        assertTrue(rerecord.out().split("\\R")[1].matches(SESSION + " +2 +rerecorded"), rerecord.out());
        assertEquals(original, Recordings.read(body));
        assertEquals(Harness.PASSED, replay.code(), replay.out() + replay.err());
    }

    @Test
    void replayThroughARunningBridgePlaysTheUpstreamOnTheGivenPort() {
        int port = freePort();
        try (TestBridge bridge = TestBridge.start(ReplaySettings.of(
                FixtureReader.session(recorded.resolve(SESSION)), "http://127.0.0.1:" + port), new RandomIds())) {

            Run run = run("replay", recorded.toString(), "--bridge", bridge.baseUrl(), "--upstream-port",
                    Integer.toString(port));

            assertEquals(Harness.PASSED, run.code(), run.out() + run.err());
            assertTrue(run.out().split("\\R")[1].matches(SESSION + " +2 +pass"), run.out());
        }
    }

    @Test
    void aBridgeThatDoesNotAnswerIsAnErrorRow() {
        Run run = run("replay", recorded.toString(), "--bridge", "http://127.0.0.1:" + freePort(),
                "--upstream-port", Integer.toString(freePort()));

        assertEquals(Harness.NOT_PASSED, run.code(), run.out() + run.err());
        assertTrue(run.out().split("\\R")[1].matches(SESSION + " +2 +error +replay: the bridge at .* did not answer.*"),
                run.out());
    }

    @Test
    void aSessionOfAnotherFormatIsAnErrorRowAndTheOthersStillPlay() throws IOException {
        Recordings.copy(recorded.resolve(SESSION), work.resolve("current"));
        Files.createDirectories(work.resolve("future"));
        Files.writeString(work.resolve("future").resolve("session.json"), "{\"format\": 99}");

        Run run = run("replay", work.toString(), "--local");

        assertEquals(Harness.NOT_PASSED, run.code(), run.out() + run.err());
        String[] lines = run.out().split("\\R");
        assertTrue(lines[1].matches("current +2 +pass"), lines[1]);
        assertTrue(lines[2].matches("future +0 +error +.*recording format 99, this harness reads 1"), lines[2]);
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(new String[] {}, "usage: harness"),
                Arguments.of(new String[] {"bogus"}, "unknown command 'bogus'"),
                Arguments.of(new String[] {"replay"}, "replay needs one folder"),
                Arguments.of(new String[] {"replay", "DIR"}, "either --local or --bridge"),
                Arguments.of(new String[] {"replay", "DIR", "--local", "--bridge", "http://127.0.0.1:1"},
                        "either --local or --bridge"),
                Arguments.of(new String[] {"replay", "DIR", "--bridge", "http://127.0.0.1:1"},
                        "--bridge needs --upstream-port PORT"),
                Arguments.of(new String[] {"replay", "DIR", "--bridge", "http://127.0.0.1:1", "--upstream-port",
                        "99999"}, "--upstream-port must be a port number, got '99999'"),
                Arguments.of(new String[] {"replay", "DIR", "--local", "--frob"}, "unknown option '--frob'"),
                Arguments.of(new String[] {"replay", "DIR", "--bridge"}, "--bridge needs a value"),
                Arguments.of(new String[] {"replay", "/nonexistent/recordings", "--local"},
                        "/nonexistent/recordings is not a folder"),
                Arguments.of(new String[] {"replay", "EMPTY", "--local"}, "no recorded sessions in"),
                Arguments.of(new String[] {"upstream"}, "upstream needs --script FILE"),
                Arguments.of(new String[] {"upstream", "--script", "/nonexistent/script.json"},
                        "cannot read script /nonexistent/script.json"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("usageErrors")
    void usageErrorsExitWithTwoAndSayWhatIsWrong(String[] args, String problem) throws IOException {
        Files.createDirectories(work.resolve("empty"));
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].replace("EMPTY", work.resolve("empty").toString())
                    .replace("DIR", recorded.toString());
        }

        Run run = run(args);

        assertEquals(Harness.USAGE_ERROR, run.code(), run.out() + run.err());
        assertTrue((run.err() + run.out()).contains(problem), run.err() + run.out());
        assertTrue((run.err() + run.out()).contains("replay DIR --local"), run.err());
    }

    @Test
    void helpPrintsTheUsage() {
        Run run = run("--help");

        assertEquals(Harness.PASSED, run.code());
        assertTrue(run.out().contains("replay DIR --bridge URL --upstream-port PORT [--rerecord]"), run.out());
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Harness.run(args, outStream, errStream);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"),
                err.toString(StandardCharsets.UTF_8));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
