package dev.ccbridge.server.routing;

import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.BridgeConfig;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.LogCapture;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fallback between two upstreams over the real HTTP path: which failures move a request to the next upstream
 * (connect failure, timeout, 429, 5xx, an error as the first chunk), which reach the client at once (the request's
 * own faults), what the client sees when every upstream fails, that nothing falls back once the stream started,
 * route retries on the same upstream, and the per-upstream connection bound.
 */
class FallbackTest {

    private static final String MODEL = "claude-sonnet-4-5";
    private static final String ANSWER = "from the secondary";

    private static UpstreamStub primary;
    private static UpstreamStub secondary;
    private static TestBridge bridge;
    private LogCapture log;

    @BeforeAll
    static void start() {
        primary = UpstreamStub.start();
        secondary = UpstreamStub.start();
        bridge = TestBridge.start(new BridgeConfig()
                .upstream("primary", primary, "first-byte-timeout", "PT0.3S")
                .upstream("secondary", secondary)
                .values());
    }

    @AfterAll
    static void stop() {
        bridge.close();
        primary.close();
        secondary.close();
    }

    @BeforeEach
    void captureTheExchangeLog() {
        log = LogCapture.exchanges();
    }

    @AfterEach
    void everyUpstreamRequestMatchesTheOpenAiSchema() {
        log.close();
        for (UpstreamStub stub : List.of(primary, secondary)) {
            stub.requests().stream().filter(request -> request.path().endsWith("/chat/completions"))
                    .forEach(request -> OpenAiRequestSchema.check(request.body()));
            stub.reset();
        }
    }

    /** How the primary fails, and the status the bridge records for it. */
    enum Failure {
        UNAVAILABLE(503),
        SERVER_ERROR(500),
        RATE_LIMITED(429),
        NO_FIRST_BYTE(504),
        ERROR_AS_FIRST_CHUNK(500);

        final int status;

        Failure(int status) {
            this.status = status;
        }

        UpstreamStub.Reply reply(boolean stream) {
            return switch (this) {
                case UNAVAILABLE -> UpstreamStub.json(503, error("server_error", "upstream is down for maintenance"));
                case SERVER_ERROR -> UpstreamStub.json(500, error("server_error", "internal failure"));
                case RATE_LIMITED -> UpstreamStub.json(429, error("rate_limit_exceeded", "slow down"),
                        Map.of("retry-after", "30"));
                case NO_FIRST_BYTE -> UpstreamStub.silent(Duration.ofSeconds(2));
                case ERROR_AS_FIRST_CHUNK -> stream
                        ? UpstreamStub.sse(OpenAiSse.continued().error("server_error", "the model crashed")
                                .withoutDone())
                        : UpstreamStub.json(200, error("server_error", "the model crashed"));
            };
        }
    }

    @ParameterizedTest
    @CsvSource({"UNAVAILABLE, true", "UNAVAILABLE, false", "SERVER_ERROR, true", "SERVER_ERROR, false",
            "RATE_LIMITED, true", "RATE_LIMITED, false", "NO_FIRST_BYTE, true", "NO_FIRST_BYTE, false",
            "ERROR_AS_FIRST_CHUNK, true",
            "ERROR_AS_FIRST_CHUNK, false"})
    void aFailureBeforeAnythingWentToTheClientFallsBackToTheNextUpstream(Failure failure, boolean stream) {
        primary.enqueue(failure.reply(stream));
        secondary.enqueue(Messages.answer(ANSWER, stream));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, stream));

        assertEquals(200, response.status(), response.body());
        assertEquals(ANSWER, Messages.text(response));
        assertFalse(response.body().contains("error"), response.body());
        assertEquals(1, primary.requests().size());
        assertEquals(1, secondary.requests().size());
        assertEquals("Bearer primary-key", primary.lastRequest().headers().get("authorization"));
        assertEquals("Bearer secondary-key", secondary.lastRequest().headers().get("authorization"));
        String line = log.lineOf(response.header("request-id"));
        assertTrue(line.contains(" failed_over=primary:" + failure.status), line);
        assertTrue(line.contains("->secondary/" + MODEL) && line.contains(" status=200"), line);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anUpstreamThatSendsItsHeadButNoChunkWithinTheFirstByteTimeoutFallsBack(boolean stream) {
        primary.enqueue(new UpstreamStub.Streamed(200, stream ? "text/event-stream" : "application/json", List.of(),
                Duration.ZERO, Map.of(), false, Duration.ofSeconds(2)));
        secondary.enqueue(Messages.answer(ANSWER, stream));

        long start = System.nanoTime();
        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, stream));

        assertEquals(ANSWER, Messages.text(response));
        assertTrue(System.nanoTime() - start < Duration.ofMillis(1500).toNanos(),
                "gave up after the first-byte timeout");
        assertTrue(log.lineOf(response.header("request-id")).contains(" failed_over=primary:504"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anUnreachableUpstreamFallsBackToTheNextOne(boolean stream) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = socket.getLocalPort();
        }
        try (TestBridge withDeadPrimary = TestBridge.start(new BridgeConfig()
                .upstream("dead", "http://127.0.0.1:" + closedPort + "/v1")
                .upstream("secondary", secondary)
                .values())) {
            secondary.enqueue(Messages.answer(ANSWER, stream));

            TestBridge.Response response = withDeadPrimary.post("/v1/messages", Messages.request(MODEL, stream));

            assertEquals(200, response.status(), response.body());
            assertEquals(ANSWER, Messages.text(response));
            String line = log.lineOf(response.header("request-id"));
            assertTrue(line.contains(" failed_over=dead:502"), line);
        }
    }

    @ParameterizedTest
    @CsvSource({"400, invalid_request_error, true", "400, invalid_request_error, false",
            "401, authentication_error, true", "401, authentication_error, false",
            "404, not_found_error, true", "404, not_found_error, false",
            "413, request_too_large, true", "413, request_too_large, false"})
    void aFaultOfTheRequestItselfReachesTheClientWithoutFallback(int status, String type, boolean stream) {
        primary.enqueue(UpstreamStub.json(status, error("invalid_request_error", "the primary refuses this")));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, stream));

        assertEquals(status, response.status(), response.body());
        JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
        assertEquals(type, error.getString("type"));
        assertTrue(error.getString("message").contains("the primary refuses this"), error.toString());
        assertTrue(secondary.requests().isEmpty(), "the secondary must not be asked");
        assertFalse(log.lineOf(response.header("request-id")).contains("failed_over"));
    }

    @ParameterizedTest
    @CsvSource({"400, true", "400, false", "500, true", "500, false"})
    void aContextOverflowIsTheRequestsFaultAndDoesNotFallBack(int status, boolean stream) {
        primary.enqueue(UpstreamStub.json(status, error("invalid_request_error",
                "This model's maximum context length is 8192 tokens. However, your messages resulted in 9100 "
                        + "tokens. Please reduce the length of the messages.")));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, stream));

        assertEquals(400, response.status(), response.body());
        JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
        assertEquals("invalid_request_error", error.getString("type"));
        assertTrue(error.getString("message").startsWith("prompt is too long: 9100 tokens > 8192 maximum"),
                error.toString());
        assertTrue(secondary.requests().isEmpty(), "the secondary must not be asked");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void whenEveryUpstreamFailsTheLastOnesStatusAndRetryAfterReachTheClient(boolean stream) {
        primary.enqueue(UpstreamStub.json(503, error("server_error", "primary down"), Map.of("retry-after", "7")));
        secondary.enqueue(UpstreamStub.json(429, error("rate_limit_exceeded", "secondary busy"),
                Map.of("retry-after", "3")));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, stream));

        assertEquals(429, response.status(), response.body());
        assertEquals("3", response.header("retry-after"));
        JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
        assertEquals("rate_limit_error", error.getString("type"));
        assertTrue(error.getString("message").contains("secondary busy"), error.toString());
        String line = log.lineOf(response.header("request-id"));
        assertTrue(line.contains(" failed_over=primary:503 ") && line.contains(" status=429"), line);
    }

    @Test
    void theLastFailureWinsEvenWhenOnlyAnEarlierOneHadARetryAfter() {
        primary.enqueue(UpstreamStub.json(429, error("rate_limit_exceeded", "primary busy"),
                Map.of("retry-after", "9")));
        secondary.enqueue(UpstreamStub.json(503, error("server_error", "secondary down")));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true));

        assertEquals(503, response.status(), response.body());
        assertNull(response.header("retry-after"));
        assertEquals("overloaded_error", Json.parseObject(response.body()).getJsonObject("error").getString("type"));
    }

    @Test
    void aFailureAfterTheStreamStartedIsAnErrorEventAndNeverFallsBack() {
        primary.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("partial answer")
                .error("server_error", "the model crashed mid-answer").withoutDone()));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true));

        assertEquals(200, response.status(), response.body());
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        assertEquals("error", events.getLast().type());
        assertTrue(events.getLast().data().getJsonObject("error").getString("message").contains("mid-answer"),
                events.getLast().toString());
        assertTrue(response.body().contains("partial answer"));
        assertTrue(secondary.requests().isEmpty(), "the secondary must not be asked");
        assertFalse(log.lineOf(response.header("request-id")).contains("failed_over"));
    }

    @Test
    void aStreamCutOffAfterItStartedIsAnErrorEventAndNeverFallsBack() {
        primary.enqueue(new UpstreamStub.Streamed(200, "text/event-stream",
                UpstreamStub.events(OpenAiSse.stream().text("partial answer").withoutDone()), Duration.ZERO, Map.of(),
                true, Duration.ofMillis(100)));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true));

        assertEquals(200, response.status(), response.body());
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        assertEquals("error", events.getLast().type());
        assertTrue(secondary.requests().isEmpty(), "the secondary must not be asked");
    }

    @Test
    void aStartedStreamMayPauseLongerThanTheFirstByteTimeoutWithinTheIdleTimeout() {
        primary.enqueue(pausedOnce(OpenAiSse.stream().text("thinking ").withoutDone(),
                OpenAiSse.continued().text("slowly").finish("stop").usage(12, 2).done(), Duration.ofMillis(600)));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true));

        assertEquals("thinking slowly", Messages.text(response));
        assertEquals("message_stop", response.events().getLast().type(), response.body());
        assertTrue(secondary.requests().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void routeRetriesAskTheSameUpstreamAgainBeforeFallingBack(boolean stream) {
        try (TestBridge retrying = TestBridge.start(new BridgeConfig()
                .upstream("primary", primary)
                .upstream("secondary", secondary)
                .route(List.of("*"), List.of("primary", "secondary"), "retries", "1")
                .values())) {
            primary.enqueue(UpstreamStub.json(503, error("server_error", "down")));
            primary.enqueue(UpstreamStub.json(502, error("server_error", "still down")));
            secondary.enqueue(Messages.answer(ANSWER, stream));

            TestBridge.Response response = retrying.post("/v1/messages", Messages.request(MODEL, stream));

            assertEquals(ANSWER, Messages.text(response));
            assertEquals(2, primary.requests().size());
            assertEquals(1, secondary.requests().size());
            String line = log.lineOf(response.header("request-id"));
            assertTrue(line.endsWith(" failed_over=primary:503,primary:502"), line);

            primary.reset();
            secondary.reset();
            primary.enqueue(UpstreamStub.json(503, error("server_error", "down")));
            primary.enqueue(Messages.answer("primary on its second try", stream));

            TestBridge.Response retried = retrying.post("/v1/messages", Messages.request(MODEL, stream));

            assertEquals("primary on its second try", Messages.text(retried));
            assertEquals(2, primary.requests().size());
            assertTrue(secondary.requests().isEmpty());
        }
    }

    @Test
    void withoutRetriesTheSameUpstreamIsAskedOnlyOnce() {
        primary.enqueue(UpstreamStub.json(503, error("server_error", "down")));
        secondary.enqueue(UpstreamStub.json(503, error("server_error", "down too")));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, false));

        assertEquals(503, response.status());
        assertEquals(1, primary.requests().size());
        assertEquals(1, secondary.requests().size());
    }

    @Test
    void aSaturatedUpstreamFallsBackAndAloneAnswersOverloaded() throws Exception {
        try (TestBridge bounded = TestBridge.start(new BridgeConfig()
                .upstream("primary", primary, "max-connections", "1", "connect-timeout", "PT0.2S")
                .upstream("secondary", secondary)
                .values());
             TestBridge alone = TestBridge.start(new BridgeConfig()
                     .upstream("primary", primary, "max-connections", "1", "connect-timeout", "PT0.2S")
                     .values())) {
            for (TestBridge bridgeUnderTest : List.of(bounded, alone)) {
                primary.reset();
                secondary.reset();
                primary.enqueue(pausedOnce(OpenAiSse.stream().text("slow answer").withoutDone(),
                        OpenAiSse.continued().finish("stop").usage(12, 2).done(), Duration.ofMillis(600)));
                secondary.enqueue(Messages.answer(ANSWER, true));
                CompletableFuture<TestBridge.Response> slow = CompletableFuture.supplyAsync(
                        () -> bridgeUnderTest.post("/v1/messages", Messages.request(MODEL, true)));
                awaitRequests(primary, 1);

                TestBridge.Response second = bridgeUnderTest.post("/v1/messages", Messages.request(MODEL, true));

                if (bridgeUnderTest == bounded) {
                    assertEquals(200, second.status(), second.body());
                    assertEquals(ANSWER, Messages.text(second));
                    assertTrue(log.lineOf(second.header("request-id")).contains(" failed_over=primary:529"));
                } else {
                    assertEquals(529, second.status(), second.body());
                    JsonObject error = Json.parseObject(second.body()).getJsonObject("error");
                    assertEquals("overloaded_error", error.getString("type"));
                    assertTrue(error.getString("message").contains("max-connections"), error.toString());
                }
                assertEquals(1, primary.requests().size(), "the bound keeps the second request off the primary");
                assertEquals("slow answer", Messages.text(slow.get()));
            }
        }
    }

    /** A stream sent in two pieces with one pause between them. */
    private static UpstreamStub.Reply pausedOnce(String before, String after, Duration pause) {
        return new UpstreamStub.Streamed(200, "text/event-stream", List.of(before, after), pause, Map.of(), false,
                Duration.ZERO);
    }

    private static void awaitRequests(UpstreamStub stub, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stub.requests().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stub got " + stub.requests().size() + " requests, expected " + count);
            }
            Thread.sleep(10);
        }
    }

    private static String error(String type, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}";
    }

    @Test
    void anUpstreamThatRefusesTheModelIsSkippedAndAnEarlierFailureStaysTheAnswer() {
        try (TestBridge guarded = TestBridge.start(new BridgeConfig()
                .upstream("primary", primary)
                .upstream("joy", secondary, "adapter", "joytoken", "settings.allowed-models", "openai/gpt-4o-mini")
                .values())) {
            primary.enqueue(UpstreamStub.json(503, error("server_error", "upstream is down for maintenance")));

            TestBridge.Response response = guarded.post("/v1/messages", Messages.request(MODEL, false));

            assertEquals(503, response.status(), response.body());
            assertTrue(response.body().contains("down for maintenance"), response.body());
            assertTrue(secondary.requests().isEmpty(), "nothing reaches an upstream that refuses the model");
        }
    }

    @Test
    void anUpstreamThatRefusesTheModelLetsTheNextOneAnswer() {
        try (TestBridge guarded = TestBridge.start(new BridgeConfig()
                .upstream("joy", primary, "adapter", "joytoken", "settings.allowed-models", "openai/gpt-4o-mini")
                .upstream("secondary", secondary)
                .values())) {
            secondary.enqueue(Messages.answer(ANSWER, true));

            TestBridge.Response response = guarded.post("/v1/messages", Messages.request(MODEL, true));

            assertEquals(ANSWER, Messages.text(response));
            assertTrue(primary.requests().isEmpty(), "nothing reaches an upstream that refuses the model");
            AnthropicStreamGrammar.check(response.events());
        }
    }

    @Test
    void aFailureIsRecordedOnceWhenARefusingUpstreamSitsBetweenItAndTheOneThatAnswers() {
        try (UpstreamStub third = UpstreamStub.start();
             TestBridge guarded = TestBridge.start(new BridgeConfig()
                     .upstream("primary", primary)
                     .upstream("joy", secondary, "adapter", "joytoken", "settings.allowed-models",
                             "openai/gpt-4o-mini")
                     .upstream("third", third)
                     .values())) {
            primary.enqueue(UpstreamStub.json(429, error("rate_limit_exceeded", "slow down")));
            third.enqueue(Messages.answer(ANSWER, false));

            TestBridge.Response response = guarded.post("/v1/messages", Messages.request(MODEL, false));

            assertEquals(ANSWER, Messages.text(response));
            String line = log.lineOf(response.header("request-id"));
            assertTrue(line.contains("->third/") && line.endsWith(" failed_over=primary:429"), line);
        }
    }

    @Test
    void whenEveryUpstreamRefusesTheClientLearnsWhy() {
        try (TestBridge guarded = TestBridge.start(new BridgeConfig()
                .upstream("joy", primary, "adapter", "joytoken", "settings.allowed-models", "openai/gpt-4o-mini")
                .values())) {
            TestBridge.Response response = guarded.post("/v1/messages", Messages.request(MODEL, false));

            assertEquals(404, response.status(), response.body());
            assertEquals("not_found_error", Json.parseObject(response.body()).getJsonObject("error").getString("type"));
            assertTrue(response.body().contains("allowed-models"), response.body());
        }
    }
}
