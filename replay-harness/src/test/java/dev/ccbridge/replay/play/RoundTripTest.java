package dev.ccbridge.replay.play;

import dev.ccbridge.replay.fixture.FixtureReader;
import dev.ccbridge.replay.fixture.SessionFixture;
import dev.ccbridge.replay.testing.ClaudeCodeConversation;
import dev.ccbridge.replay.testing.Recordings;
import dev.ccbridge.server.RandomIds;
import dev.ccbridge.server.scripted.ScriptReader;
import dev.ccbridge.server.scripted.ScriptedUpstream;
import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.TestBridge;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Record, then replay: a Claude Code-shaped session is recorded through a real bridge against the scripted
 * upstream (text, a tool call and its result, reasoning echoed back, a 429 and its retry, a mid-stream error and
 * the non-streaming retry), then replayed through a fresh bridge built from the recording alone. A replay of the
 * untouched recording passes; a changed byte on either side fails with a diff naming the exchange and the part;
 * re-recording makes it pass again.
 */
class RoundTripTest {

    private static final String SESSION = "5b0c7e52-6a43-4f0e-b1d2-7c9a3e8f1d20";
    private static final String SCRIPT = """
            {"description": "a short Claude Code session",
             "rules": [
               {"name": "rate limited", "when": {"lastContains": "rate limit me"}, "times": 1,
                "reply": {"status": 429, "headers": {"retry-after": "1"},
                          "errorBody": {"error": {"message": "slow down", "type": "rate_limit_exceeded"}}}},
               {"name": "flaky stream", "when": {"lastContains": "flaky", "stream": true},
                "reply": {"text": "Partial answ",
                          "streamError": {"message": "upstream fell over", "type": "server_error"}}},
               {"name": "flaky retry", "when": {"lastContains": "flaky", "stream": false},
                "reply": {"text": "Recovered without streaming."}},
               {"name": "list", "when": {"lastRole": "user", "lastContains": "list the files", "hasTool": "Bash"},
                "reply": {"text": "I'll list them.",
                          "toolCalls": [{"name": "Bash", "arguments": {"command": "ls ${cwd}"}}]}},
               {"name": "report", "when": {"lastRole": "tool"}, "reply": {"text": "There are two files."}},
               {"name": "think", "when": {"lastContains": "think hard"},
                "reply": {"reasoning": "Six times seven is forty-two.", "text": "42"}}
             ],
             "fallback": {"text": "Hello from the script."}}
            """;

    @TempDir
    static Path recorded;

    private static int exchanges;

    @TempDir
    Path work;

    @BeforeAll
    static void recordASession() {
        Path cwd = Path.of("/tmp/replay-project");
        try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptReader.parse(SCRIPT), 0);
             TestBridge bridge = TestBridge.start(Map.of("UPSTREAM_BASE_URL", upstream.baseUrl(),
                     "UPSTREAM_API_KEY", "replay-test-upstream-key", "BRIDGE_RECORD_DIR", recorded.toString()),
                     new RandomIds())) {
            ClaudeCodeConversation conversation = new ClaudeCodeConversation(SESSION, cwd.toString());

            conversation.answer(turn(bridge, conversation.user("say hello"), true, 200));
            JsonArray listing = conversation.answer(turn(bridge, conversation.user("please list the files"), true,
                    200));
            JsonObject call = listing.getValuesAs(JsonObject.class).stream()
                    .filter(block -> block.getString("type").equals("tool_use")).findFirst().orElseThrow();
            assertEquals("ls " + cwd, call.getJsonObject("input").getString("command"));
            conversation.answer(turn(bridge, conversation.toolResult(call.getString("id"), "a.txt\nb.txt"), true,
                    200));
            JsonArray thought = conversation.answer(turn(bridge, conversation.user("think hard: six times seven?"),
                    true, 200));
            assertEquals("thinking", thought.getJsonObject(0).getString("type"));
            turn(bridge, conversation.user("rate limit me"), true, 429);
            conversation.answer(turn(bridge, conversation, true, 200));
            TestBridge.Response broken = turn(bridge, conversation.user("a flaky answer please"), true, 200);
            assertEquals("error", broken.events().getLast().type());
            conversation.answer(turn(bridge, conversation, false, 200));
            exchanges = 8;
        }
        Recordings.awaitExchanges(recorded.resolve(SESSION), exchanges);
    }

    @Test
    void theUntouchedRecordingReplaysWithoutDifferences() {
        ReplayResult result = replay(FixtureReader.session(recorded.resolve(SESSION)), false);

        assertTrue(result.passed(), result.report());
        assertEquals(exchanges, result.exchanges());
        assertEquals(SESSION, result.session());
    }

    @Test
    void aChangedByteInAClientResponseFailsNamingTheExchangeAndThePart() {
        Path session = Recordings.copy(recorded.resolve(SESSION), work.resolve(SESSION));
        Path body = session.resolve("0004").resolve("client-response.body.sse");
        String original = Recordings.read(body);
        assertTrue(original.contains("\"text\":\"42\""), original);
        Recordings.write(body, original.replace("\"text\":\"42\"", "\"text\":\"43\""));

        ReplayResult result = replay(FixtureReader.session(session), false);

        assertFalse(result.passed());
        assertEquals(1, result.differences().size(), result.report());
        ReplayResult.Difference difference = result.differences().getFirst();
        assertEquals(4, difference.exchange());
        assertEquals("client response body", difference.what());
        assertTrue(hasLine(difference.diff(), "- ", "\"text\": \"43\""), difference.diff());
        assertTrue(hasLine(difference.diff(), "+ ", "\"text\": \"42\""), difference.diff());
        assertTrue(result.report().startsWith("exchange 4: client response body differs"), result.report());
    }

    @Test
    void aChangedByteInAnUpstreamRequestFailsNamingTheExchangeAndThePart() {
        Path session = Recordings.copy(recorded.resolve(SESSION), work.resolve(SESSION));
        Path body = session.resolve("0002").resolve("upstream-request.body.json");
        String original = Recordings.read(body);
        assertTrue(original.contains("please list the files"));
        Recordings.write(body, original.replace("please list the files", "please list the filez"));

        ReplayResult result = replay(FixtureReader.session(session), false);

        assertEquals(List.of("2: upstream request body"), result.differences().stream()
                .map(d -> d.exchange() + ": " + d.what()).toList(), result.report());
        String diff = result.differences().getFirst().diff();
        assertTrue(hasLine(diff, "- ", "\"please list the filez\""), diff);
        assertTrue(hasLine(diff, "+ ", "\"please list the files\""), diff);
        assertTrue(diff.indexOf("filez") < diff.indexOf("files\""), "recorded line first:\n" + diff);
    }

    @Test
    void reRecordingRewritesTheRecordingAndTheReplayPassesAgain() {
        Path session = Recordings.copy(recorded.resolve(SESSION), work.resolve(SESSION));
        Path clientBody = session.resolve("0001").resolve("client-response.body.sse");
        Path upstreamBody = session.resolve("0003").resolve("upstream-request.body.json");
        String originalClient = Recordings.read(clientBody);
        String originalUpstream = Recordings.read(upstreamBody);
        Recordings.write(clientBody, originalClient.replace("Hello from", "Hullo from"));
        Recordings.write(upstreamBody, originalUpstream.replace("a.txt", "z.txt"));
        assertFalse(replay(FixtureReader.session(session), false).passed());

        ReplayResult rerecorded = replay(FixtureReader.session(session), true);

        assertTrue(rerecorded.passed(), rerecorded.report());
        assertEquals(originalClient, Recordings.read(clientBody));
        assertEquals(originalUpstream, Recordings.read(upstreamBody));
        ReplayResult again = replay(FixtureReader.session(session), false);
        assertTrue(again.passed(), again.report());
    }

    @Test
    void reRecordingAnUnchangedSessionLeavesEveryFileAsItWas() {
        Path session = Recordings.copy(recorded.resolve(SESSION), work.resolve(SESSION));

        ReplayResult result = replay(FixtureReader.session(session), true);

        assertTrue(result.passed(), result.report());
        Recordings.assertSameFiles(recorded.resolve(SESSION), session);
    }

    @Test
    void everyRecordedStreamFollowsTheAnthropicGrammar() {
        SessionFixture session = FixtureReader.session(recorded.resolve(SESSION));
        int streams = 0;
        for (var exchange : session.exchanges()) {
            if (exchange.clientResponse().extension().equals("sse")) {
                AnthropicStreamGrammar.check(dev.ccbridge.server.testing.SseEvent.parse(
                        exchange.clientResponse().body()));
                streams++;
            }
        }
        assertEquals(6, streams);
        assertNotEquals(0, session.exchanges().getLast().upstreamRequest().orElseThrow().body().length());
    }

    /** Whether a diff has a line with that mark ({@code "- "} recorded, {@code "+ "} replayed) holding the text. */
    private static boolean hasLine(String diff, String mark, String text) {
        return diff.lines().anyMatch(line -> line.startsWith(mark) && line.contains(text));
    }

    private static ReplayResult replay(SessionFixture session, boolean rerecord) {
        try (ReplayUpstream upstream = new ReplayUpstream(0);
             TestBridge bridge = TestBridge.start(ReplaySettings.of(session, "http://127.0.0.1:" + upstream.port()),
                     new RandomIds())) {
            return new SessionReplayer(URI.create(bridge.baseUrl()), upstream, rerecord).replay(session);
        }
    }

    private static TestBridge.Response turn(TestBridge bridge, ClaudeCodeConversation conversation, boolean stream,
                                            int status) {
        TestBridge.Response response = bridge.post("/v1/messages?beta=true", conversation.request(stream),
                conversation.headers(stream));
        assertEquals(status, response.status(), response.body());
        if (status == 200 && stream) {
            AnthropicStreamGrammar.check(response.events());
        }
        return response;
    }
}
