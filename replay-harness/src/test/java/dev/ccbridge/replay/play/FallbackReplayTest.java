package dev.ccbridge.replay.play;

import dev.ccbridge.replay.fixture.ExchangeFixture;
import dev.ccbridge.replay.fixture.FixtureReader;
import dev.ccbridge.replay.fixture.SessionFixture;
import dev.ccbridge.replay.testing.ClaudeCodeConversation;
import dev.ccbridge.replay.testing.Recordings;
import dev.ccbridge.server.RandomIds;
import dev.ccbridge.server.scripted.ScriptReader;
import dev.ccbridge.server.scripted.ScriptedUpstream;
import dev.ccbridge.server.testing.TestBridge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions where the bridge tried more than one upstream: one that refused the connection (recorded without an
 * answer), one that answered 503, and the one that answered. Every attempt is recorded with its own suffix and
 * replayed in order against one replay upstream.
 */
class FallbackReplayTest {

    private static final String SESSION = "c4d3b2a1-0000-4111-8222-933344445555";

    @TempDir
    static Path recorded;

    @TempDir
    Path work;

    @BeforeAll
    static void recordASessionWithFallbacks() {
        try (ScriptedUpstream overloaded = ScriptedUpstream.start(ScriptReader.parse("""
                     {"fallback": {"status": 503,
                                   "errorBody": {"error": {"message": "overloaded", "type": "server_error"}}}}"""), 0);
             ScriptedUpstream backup = ScriptedUpstream.start(ScriptReader.parse("""
                     {"fallback": {"text": "The backup answered."}}"""), 0)) {
            Map<String, String> settings = new HashMap<>();
            upstream(settings, 0, "gone", "http://127.0.0.1:" + closedPort() + "/v1", "gpt-gone");
            upstream(settings, 1, "overloaded", overloaded.baseUrl(), "gpt-overloaded");
            upstream(settings, 2, "backup", backup.baseUrl(), "gpt-backup");
            settings.put("BRIDGE_RECORD_DIR", recorded.toString());
            try (TestBridge bridge = TestBridge.start(settings, new RandomIds())) {
                ClaudeCodeConversation conversation = new ClaudeCodeConversation(SESSION, "/tmp/fallback");
                for (boolean stream : new boolean[] {true, false}) {
                    TestBridge.Response response = bridge.post("/v1/messages?beta=true",
                            conversation.user(stream ? "stream it" : "answer at once").request(stream),
                            conversation.headers(stream));
                    assertEquals(200, response.status(), response.body());
                    conversation.answer(response);
                }
            }
        }
        Recordings.awaitExchanges(recorded.resolve(SESSION), 2);
    }

    @Test
    void everyAttemptIsReadInOrderAndOneWithoutAnAnswerHasNoResponse() {
        SessionFixture session = FixtureReader.session(recorded.resolve(SESSION));

        for (ExchangeFixture exchange : session.exchanges()) {
            assertEquals(List.of(1, 2, 3), exchange.attempts().stream().map(a -> a.number()).toList());
            assertTrue(exchange.attempts().get(0).response().isEmpty());
            assertEquals(503, exchange.attempts().get(1).response().orElseThrow().status());
            assertEquals(200, exchange.attempts().get(2).response().orElseThrow().status());
            assertTrue(exchange.attempts().get(2).request().body().contains("gpt-backup"));
            assertEquals(exchange.attempts().getFirst().request(), exchange.upstreamRequest().orElseThrow());
            assertTrue(exchange.upstreamResponse().isEmpty());
        }
    }

    @Test
    void aSessionWithFallbacksReplaysAttemptByAttempt() {
        ReplayResult result = replay(FixtureReader.session(recorded.resolve(SESSION)), false);

        assertTrue(result.passed(), result.report());
    }

    @Test
    void aDifferenceInALaterAttemptNamesTheAttempt() {
        Path session = Recordings.copy(recorded.resolve(SESSION), work.resolve(SESSION));
        Path body = session.resolve("0002").resolve("upstream-request-3.body.json");
        Recordings.write(body, Recordings.read(body).replace("gpt-backup", "gpt-elsewhere"));

        ReplayResult result = replay(FixtureReader.session(session), false);

        assertEquals(List.of("2: upstream request (attempt 3) body"), result.differences().stream()
                .map(d -> d.exchange() + ": " + d.what()).toList(), result.report());
    }

    @Test
    void reRecordingAnUnchangedSessionLeavesEveryFileAsItWas() {
        Path session = Recordings.copy(recorded.resolve(SESSION), work.resolve(SESSION));

        ReplayResult result = replay(FixtureReader.session(session), true);

        assertTrue(result.passed(), result.report());
        Recordings.assertSameFiles(recorded.resolve(SESSION), session);
    }

    private static ReplayResult replay(SessionFixture session, boolean rerecord) {
        try (ReplayUpstream upstream = new ReplayUpstream(0);
             TestBridge bridge = TestBridge.start(ReplaySettings.of(session, "http://127.0.0.1:" + upstream.port()),
                     new RandomIds())) {
            return new SessionReplayer(URI.create(bridge.baseUrl()), upstream, rerecord).replay(session);
        }
    }

    private static void upstream(Map<String, String> settings, int index, String name, String baseUrl, String model) {
        String at = "bridge.upstreams." + index + ".";
        settings.put(at + "name", name);
        settings.put(at + "adapter", "generic-openai");
        settings.put(at + "default-model", model);
        settings.put(at + "settings.base-url", baseUrl);
        settings.put(at + "settings.api-key", "fallback-test-key-" + index);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
