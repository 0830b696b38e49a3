package dev.ccbridge.server.http;

import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/messages} and its neighbours over raw HTTP, the way Claude Code calls them: paths and query,
 * headers, error statuses and envelopes, when the stream commits, pings, flushing, keys, request ids,
 * count_tokens, models, health and model mapping. The upstream is a scripted stub; every stream is checked against
 * the Anthropic grammar and every upstream request against the OpenAI schema.
 */
class MessagesEndpointTest {

    private static final String MODEL = "claude-sonnet-4-5";
    private static final Pattern PROMPT_TOO_LONG =
            Pattern.compile("prompt is too long: (\\d+) tokens > (\\d+) maximum");

    private static UpstreamStub upstream;
    private static TestBridge bridge;
    private static TestBridge joy;

    @BeforeAll
    static void start() {
        upstream = UpstreamStub.start();
        bridge = TestBridge.forStub(upstream);
        joy = TestBridge.start(Map.of("JOY_TOKEN_API_KEY", "joy-test-key-0001",
                "JOY_TOKEN_OPENAI_BASE_URL", upstream.baseUrl()));
    }

    @AfterAll
    static void stop() {
        joy.close();
        bridge.close();
        upstream.close();
    }

    @AfterEach
    void everyUpstreamRequestMatchesTheOpenAiSchema() {
        upstream.requests().stream().filter(request -> request.path().endsWith("/chat/completions"))
                .forEach(request -> OpenAiRequestSchema.check(request.body()));
        upstream.reset();
    }

    // ---- paths and content type -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/v1/messages", "/v1/messages?beta=true", "/anthropic/v1/messages",
            "/anthropic/v1/messages?beta=true"})
    void messagesAnswerAtEveryPathClaudeCodeAndGatewaysUse(String path) {
        upstream.enqueue(UpstreamStub.json(200, completion("Hi there")));

        TestBridge.Response response = bridge.post(path, request(false));

        assertEquals(200, response.status(), response.body());
        assertEquals("Hi there", Json.parseObject(response.body()).getJsonArray("content").getJsonObject(0)
                .getString("text"));
        assertEquals("/v1/chat/completions", upstream.lastRequest().path());
    }

    @Test
    void streamingRequestThatAcceptsJsonStillGetsAnEventStream() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("streamed").finish("stop").usage(9, 1).done()));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", request(true),
                Map.of("accept", "application/json"));

        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("text/event-stream"), response.header("content-type"));
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        assertEquals("message_stop", events.getLast().type());
    }

    // ---- the full message -------------------------------------------------------------------------------------

    @Test
    void nonStreamingAnswerIsACompleteMessageEchoingTheClientsModel() {
        upstream.enqueue(UpstreamStub.json(200, completion("Complete answer")));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", request(false));

        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/json"));
        JsonObject message = Json.parseObject(response.body());
        assertTrue(message.getString("id").startsWith("msg_"));
        assertEquals("message", message.getString("type"));
        assertEquals("assistant", message.getString("role"));
        assertEquals(MODEL, message.getString("model"));
        assertEquals(Json.parse("[{\"type\":\"text\",\"text\":\"Complete answer\"}]"),
                message.getJsonArray("content"));
        assertEquals("end_turn", message.getString("stop_reason"));
        assertEquals(JsonValue.NULL, message.get("stop_sequence"));
        assertEquals(12, message.getJsonObject("usage").getInt("input_tokens"));
        assertEquals(3, message.getJsonObject("usage").getInt("output_tokens"));
        assertFalse(response.header("request-id").isBlank());
    }

    @Test
    void aCompletionThatIsNotQuiteUtf8IsReadAsADecoderReadsIt() {
        byte[] body = completion("caf\u00e9!").getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.UTF_8).indexOf("caf\u00e9") + 3;
        body[at] = (byte) 0xFF;
        body[at + 1] = ' ';
        upstream.enqueue(new UpstreamStub.Raw(200, "application/json", body));

        TestBridge.Response response = bridge.post("/v1/messages", request(false));

        assertEquals(200, response.status(), response.body());
        assertEquals("caf\uFFFD !", Json.parseObject(response.body()).getJsonArray("content").getJsonObject(0)
                .getString("text"));
    }

    @Test
    void messageStartCarriesAnInputTokenEstimate() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("ok").finish("stop").usage(40, 1).done()));

        TestBridge.Response response = bridge.post("/v1/messages", request(true));

        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        JsonObject start = events.getFirst().data().getJsonObject("message");
        assertTrue(start.getJsonObject("usage").getInt("input_tokens") > 0, start.toString());
        assertEquals(MODEL, start.getString("model"));
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "upstream {0} -> {1} {2}")
    @CsvSource({
            "400, 400, invalid_request_error",
            "401, 401, authentication_error",
            "402, 402, billing_error",
            "403, 403, permission_error",
            "404, 404, not_found_error",
            "413, 413, request_too_large",
            "429, 429, rate_limit_error",
            "500, 500, api_error",
            "502, 502, api_error",
            "503, 503, overloaded_error",
            "529, 529, overloaded_error",
            "504, 504, timeout_error"})
    void upstreamErrorStatusesBecomeAnthropicErrorsStreamedOrNot(int upstreamStatus, int status, String type) {
        for (boolean stream : new boolean[] {false, true}) {
            upstream.enqueue(UpstreamStub.json(upstreamStatus,
                    "{\"error\":{\"message\":\"scripted " + upstreamStatus + "\",\"type\":\"x\"}}",
                    Map.of("retry-after", "7")));

            TestBridge.Response response = bridge.post("/v1/messages?beta=true", request(stream));

            String where = (stream ? "stream " : "sync ") + upstreamStatus + ": " + response.body();
            assertEquals(status, response.status(), where);
            assertTrue(response.header("content-type").startsWith("application/json"), where);
            JsonObject envelope = Json.parseObject(response.body());
            assertEquals("error", envelope.getString("type"), where);
            assertEquals(type, envelope.getJsonObject("error").getString("type"), where);
            assertTrue(envelope.getJsonObject("error").getString("message").contains("scripted " + upstreamStatus),
                    where);
            assertFalse(response.header("request-id").isBlank(), where);
            if (upstreamStatus == 429) {
                assertEquals("7", response.header("retry-after"), where);
            }
        }
    }

    @Test
    void anUpstreamRedirectIsNotFollowedAndTheErrorSaysWhereItPointed() {
        upstream.enqueue(UpstreamStub.json(301, "",
                Map.of("location", "https://llm.example.test/v1/chat/completions")));

        TestBridge.Response response = bridge.post("/v1/messages", request(false));

        assertEquals(500, response.status(), response.body());
        JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
        assertEquals("api_error", error.getString("type"));
        assertTrue(error.getString("message").contains("https://llm.example.test/v1/chat/completions"),
                error.getString("message"));
        assertEquals(1, upstream.requests().size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void contextOverflowBecomesThePromptIsTooLongErrorClaudeCodeCompactsOn(boolean stream) {
        upstream.enqueue(UpstreamStub.json(400, """
                {"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages \
                resulted in 130532 tokens. Please reduce the length of the messages.",\
                "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"""));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", request(stream));

        assertEquals(400, response.status(), response.body());
        JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
        assertEquals("invalid_request_error", error.getString("type"));
        assertTrue(error.getString("message").startsWith("prompt is too long: 130532 tokens > 128000 maximum"),
                error.getString("message"));
    }

    @Test
    void contextOverflowWithoutNumbersStillNamesTwoNumbers() {
        upstream.enqueue(UpstreamStub.json(400,
                "{\"error\":{\"message\":\"context_length_exceeded\",\"type\":\"invalid_request_error\"}}"));

        TestBridge.Response response = bridge.post("/v1/messages", request(false));

        assertEquals(400, response.status(), response.body());
        String message = Json.parseObject(response.body()).getJsonObject("error").getString("message");
        var numbers = PROMPT_TOO_LONG.matcher(message);
        assertTrue(numbers.find(), message);
        assertTrue(Integer.parseInt(numbers.group(1)) > Integer.parseInt(numbers.group(2)), message);
    }

    @ParameterizedTest(name = "in-band {0} -> {1}")
    @CsvSource({
            "'{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\",\"code\":429}}', 429, "
                    + "rate_limit_error",
            "'{\"error\":{\"message\":\"Provider overloaded\",\"type\":\"overloaded_error\"}}', 529, overloaded_error",
            "'{\"error\":{\"message\":\"Internal failure\",\"type\":\"server_error\"}}', 500, api_error"})
    void anErrorAsTheFirstChunkIsAnHttpErrorNotAStartedStream(String errorChunk, int status, String type) {
        upstream.enqueue(UpstreamStub.sse("data: " + errorChunk + "\n\n"));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", request(true));

        assertEquals(status, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/json"), response.header("content-type"));
        assertEquals(type, Json.parseObject(response.body()).getJsonObject("error").getString("type"));
    }

    @Test
    void anErrorAfterTheFirstChunkEndsTheStreamWithAnErrorEvent() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("partial").error("server_error", "boom")
                .withoutDone()));

        TestBridge.Response response = bridge.post("/v1/messages", request(true));

        assertEquals(200, response.status());
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        assertEquals("error", events.getLast().type());
        assertTrue(events.getLast().data().getJsonObject("error").getString("message").contains("boom"));
    }

    @Test
    void upstreamSilenceBeyondTheTimeoutIsATimeoutError() {
        try (TestBridge impatient = TestBridge.forStub(upstream, Map.of("bridge.upstream-timeout", "PT0.4S"))) {
            upstream.enqueue(new UpstreamStub.Streamed(200, "text/event-stream", List.of(), Duration.ZERO, Map.of(),
                    false, Duration.ofMillis(1200)));
            TestBridge.Response beforeFirstChunk = impatient.post("/v1/messages", request(true));
            assertEquals(504, beforeFirstChunk.status(), beforeFirstChunk.body());
            assertEquals("timeout_error", Json.parseObject(beforeFirstChunk.body()).getJsonObject("error")
                    .getString("type"));

            upstream.enqueue(new UpstreamStub.Streamed(200, "text/event-stream",
                    List.of(OpenAiSse.stream().text("slow").withoutDone()), Duration.ZERO, Map.of(), false,
                    Duration.ofMillis(1200)));
            TestBridge.Response midStream = impatient.post("/v1/messages", request(true));
            assertEquals(200, midStream.status());
            List<SseEvent> events = midStream.events();
            AnthropicStreamGrammar.check(events);
            assertEquals("timeout_error", events.getLast().data().getJsonObject("error").getString("type"));

            upstream.enqueue(new UpstreamStub.Streamed(200, "application/json", List.of(), Duration.ZERO, Map.of(),
                    false, Duration.ofMillis(1200)));
            TestBridge.Response whole = impatient.post("/v1/messages", request(false));
            assertEquals(504, whole.status(), whole.body());
            assertEquals("timeout_error", Json.parseObject(whole.body()).getJsonObject("error").getString("type"));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anUnreachableUpstreamIsABadGatewayNamingIt(boolean stream) {
        UpstreamStub gone = UpstreamStub.start();
        String url = gone.baseUrl();
        gone.close();
        try (TestBridge orphan = TestBridge.start(Map.of("UPSTREAM_BASE_URL", url))) {
            TestBridge.Response response = orphan.post("/v1/messages", request(stream));

            assertEquals(502, response.status(), response.body());
            JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
            assertEquals("api_error", error.getString("type"));
            assertTrue(error.getString("message").contains(url), error.getString("message"));
        }
    }

    @Test
    void aStreamingRequestAnsweredWithOneJsonCompletionIsStillAStream() {
        upstream.enqueue(UpstreamStub.json(200, completion("whole answer")));

        TestBridge.Response response = bridge.post("/v1/messages", request(true));

        assertEquals(200, response.status(), response.body());
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        assertEquals("whole answer", text(events));
        assertEquals("end_turn", events.get(events.size() - 2).data().getJsonObject("delta").getString("stop_reason"));
    }

    @Test
    void aClientThatLeavesMidStreamReleasesTheUpstream() throws Exception {
        try (UpstreamStub slow = UpstreamStub.start();
             TestBridge pinging = TestBridge.forStub(slow, Map.of("bridge.ping-interval", "PT0.2S"))) {
            List<String> pieces = new ArrayList<>();
            pieces.add(OpenAiSse.stream().text("first").withoutDone());
            for (int i = 0; i < 20; i++) {
                pieces.add(OpenAiSse.continued().text(" more").withoutDone());
            }
            pieces.add(OpenAiSse.continued().finish("stop").done());
            slow.enqueue(new UpstreamStub.Streamed(200, "text/event-stream", pieces, Duration.ofMillis(500),
                    Map.of(), false, Duration.ZERO));

            try (Socket client = new Socket("127.0.0.1", pinging.port())) {
                String body = request(true);
                client.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
                byte[] head = new byte[64];
                assertTrue(client.getInputStream().read(head) > 0);
                assertEquals(1, slow.openConnections());
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (slow.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, slow.openConnections(), "the bridge still reads from the upstream");
            OpenAiRequestSchema.check(slow.lastRequest().body());
        }
    }

    @Test
    void requestBodiesThatAreNotJsonObjectsAreInvalidRequests() {
        for (String body : List.of("", "{not json", "[1,2,3]", "\"text\"")) {
            TestBridge.Response response = bridge.post("/v1/messages", body);

            assertEquals(400, response.status(), body + ": " + response.body());
            assertEquals("invalid_request_error", Json.parseObject(response.body()).getJsonObject("error")
                    .getString("type"), body);
        }
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void aBodyOverTheDefaultLimitIsRequestTooLargeInTheAnthropicEnvelope() {
        String big = "{\"model\":\"" + MODEL + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + "x".repeat(32 * 1024 * 1024) + "\"}]}";

        TestBridge.Response response = bridge.post("/v1/messages", big);

        assertEquals(413, response.status(), response.body());
        assertEquals("request_too_large", Json.parseObject(response.body()).getJsonObject("error")
                .getString("type"));
        assertTrue(upstream.requests().isEmpty());
    }

    // ---- commit, ping, flushing -------------------------------------------------------------------------------

    @Test
    void responseHeadersWaitForTheFirstUpstreamChunk() {
        upstream.enqueue(new UpstreamStub.Streamed(200, "text/event-stream",
                List.of(": upstream is thinking\n\n",
                        OpenAiSse.stream().text("late").finish("stop").usage(5, 1).done()),
                Duration.ofMillis(500), Map.of(), false, Duration.ZERO));

        TestBridge.TimedResponse response = bridge.postTimed("/v1/messages", request(true), Map.of());

        assertEquals(200, response.status());
        long toHeaders = Duration.ofNanos(response.headersNanos() - response.sentNanos()).toMillis();
        assertTrue(toHeaders >= 400, "headers came " + toHeaders + " ms after the request, before the first chunk");
        AnthropicStreamGrammar.check(response.events());
    }

    @Test
    void upstreamSilenceLongerThanThePingIntervalSendsPingsAndTheStreamStillCompletes() {
        try (TestBridge pinging = TestBridge.forStub(upstream, Map.of("bridge.ping-interval", "PT0.2S"))) {
            upstream.enqueue(new UpstreamStub.Streamed(200, "text/event-stream",
                    List.of(OpenAiSse.stream().text("Hello").withoutDone(),
                            OpenAiSse.continued().text(" world").finish("stop").usage(8, 2).done()),
                    Duration.ofMillis(700), Map.of(), false, Duration.ZERO));

            TestBridge.Response response = pinging.post("/v1/messages?beta=true", request(true));

            assertEquals(200, response.status());
            List<SseEvent> events = response.events();
            AnthropicStreamGrammar.check(events);
            List<String> types = events.stream().map(SseEvent::type).toList();
            int firstPing = types.indexOf("ping");
            assertTrue(firstPing > types.indexOf("content_block_delta"), types.toString());
            assertTrue(types.stream().filter("ping"::equals).count() >= 2, types.toString());
            assertEquals("message_stop", types.getLast());
            assertEquals("Hello world", text(events));
        }
    }

    @Test
    void eachUpstreamChunkReachesTheClientAsItArrives() {
        upstream.enqueue(new UpstreamStub.Streamed(200, "text/event-stream",
                List.of(OpenAiSse.stream().text("alpha").withoutDone(),
                        OpenAiSse.continued().text(" bravo").withoutDone(),
                        OpenAiSse.continued().text(" charlie").withoutDone(),
                        OpenAiSse.continued().finish("stop").usage(7, 3).done()),
                Duration.ofMillis(400), Map.of(), false, Duration.ZERO));

        TestBridge.TimedResponse response = bridge.postTimed("/v1/messages?beta=true", request(true), Map.of());

        assertEquals(200, response.status());
        AnthropicStreamGrammar.check(response.events());
        long alpha = response.arrivalOf("alpha");
        long bravo = response.arrivalOf("bravo");
        long end = response.arrivalOf("message_stop");
        assertTrue(Duration.ofNanos(end - alpha).toMillis() >= 600,
                "the first delta came only " + Duration.ofNanos(end - alpha).toMillis() + " ms before the end");
        assertTrue(Duration.ofNanos(bravo - alpha).toMillis() >= 150,
                "the second delta came " + Duration.ofNanos(bravo - alpha).toMillis() + " ms after the first");
    }

    @Test
    void aBurstOfChunksInOneWriteArrivesWholeAndInOrder() {
        StringBuilder sse = new StringBuilder(OpenAiSse.stream().text("w0").withoutDone());
        StringBuilder expected = new StringBuilder("w0");
        for (int i = 1; i < 300; i++) {
            sse.append(OpenAiSse.continued().text(" w" + i).withoutDone());
            expected.append(" w").append(i);
        }
        sse.append(OpenAiSse.continued().finish("stop").usage(7, 300).done());
        upstream.enqueue(new UpstreamStub.Raw(200, "text/event-stream",
                sse.toString().getBytes(StandardCharsets.UTF_8)));

        TestBridge.TimedResponse response = bridge.postTimed("/v1/messages", request(true), Map.of());

        assertEquals(200, response.status());
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        assertEquals(expected.toString(), text(events));
        assertEquals("message_stop", events.getLast().type());
    }

    // ---- keys -------------------------------------------------------------------------------------------------

    @Test
    void upstreamGetsTheConfiguredKeyWhateverTheCallerSends() {
        upstream.enqueue(UpstreamStub.json(200, completion("ok")));

        bridge.post("/v1/messages", request(false), Map.of("x-api-key", "caller-key-ignored"));

        assertEquals("Bearer test-upstream-key", upstream.lastRequest().headers().get("authorization"));
    }

    @Test
    void upstreamGetsTheCallersKeyWhenNoneIsConfigured() {
        try (TestBridge forwarding = TestBridge.start(Map.of("UPSTREAM_BASE_URL", upstream.baseUrl()))) {
            upstream.enqueue(UpstreamStub.json(200, completion("ok")));
            forwarding.post("/v1/messages", request(false), Map.of("x-api-key", "caller-key-one"));
            assertEquals("Bearer caller-key-one", upstream.lastRequest().headers().get("authorization"));

            upstream.enqueue(UpstreamStub.json(200, completion("ok")));
            forwarding.post("/v1/messages", request(false), Map.of("authorization", "Bearer caller-key-two"));
            assertEquals("Bearer caller-key-two", upstream.lastRequest().headers().get("authorization"));
        }
    }

    @Test
    void gatewayKeyIsRequiredAndAcceptedFromEitherHeader() {
        String key = "gateway-test-key-0001";
        try (TestBridge guarded = TestBridge.forStub(upstream, Map.of("GATEWAY_API_KEY", key))) {
            for (Map<String, String> headers : List.<Map<String, String>>of(Map.of(),
                    Map.of("x-api-key", "wrong-key"), Map.of("authorization", "Bearer wrong-key"))) {
                TestBridge.Response denied = guarded.post("/v1/messages", request(false), headers);
                assertEquals(403, denied.status(), headers + ": " + denied.body());
                assertEquals("permission_error", Json.parseObject(denied.body()).getJsonObject("error")
                        .getString("type"));
                assertFalse(denied.body().contains(key), denied.body());
                assertEquals(403, guarded.post("/v1/messages/count_tokens", request(false), headers).status());
            }
            assertTrue(upstream.requests().isEmpty(), "a denied request never reaches the upstream");

            for (Map<String, String> headers : List.of(Map.of("x-api-key", key),
                    Map.of("authorization", "Bearer " + key),
                    Map.of("x-api-key", key, "authorization", "Bearer " + key))) {
                upstream.enqueue(UpstreamStub.json(200, completion("welcome")));
                TestBridge.Response allowed = guarded.post("/v1/messages", request(false), headers);
                assertEquals(200, allowed.status(), headers + ": " + allowed.body());
                assertEquals("Bearer test-upstream-key", upstream.lastRequest().headers().get("authorization"));
            }
        }
    }

    @Test
    void theGatewayKeyIsNeverForwardedAsTheUpstreamKey() {
        String key = "gateway-test-key-0002";
        Map<String, String> settings = Map.of("UPSTREAM_BASE_URL", upstream.baseUrl(), "GATEWAY_API_KEY", key);
        try (TestBridge guarded = TestBridge.start(settings)) {
            upstream.enqueue(UpstreamStub.json(200, completion("ok")));
            guarded.post("/v1/messages", request(false), Map.of("authorization", "Bearer " + key));
            assertNull(upstream.lastRequest().headers().get("authorization"));

            upstream.enqueue(UpstreamStub.json(200, completion("ok")));
            guarded.post("/v1/messages", request(false),
                    Map.of("authorization", "Bearer " + key, "x-api-key", "callers-own-key"));
            assertEquals("Bearer callers-own-key", upstream.lastRequest().headers().get("authorization"));
        }
    }

    @Test
    void anUpstreamErrorEchoingTheConfiguredKeyNeverShowsItToTheClientOrTheLog() {
        List<String> logLines = new ArrayList<>();
        Logger exchangeLog = Logger.getLogger("ccbridge.exchange");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (logLines) {
                    logLines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        exchangeLog.addHandler(capture);
        try {
            String echo = "Incorrect API key provided: test-upstream-key. Find your key in the console.";
            upstream.enqueue(UpstreamStub.json(401, "{\"error\":{\"message\":\"" + echo + "\"}}"));
            upstream.enqueue(UpstreamStub.json(401, "{\"error\":{\"message\":\"" + echo + "\"}}"));
            upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("so far").error("server_error", echo)
                    .withoutDone()));

            List<TestBridge.Response> responses = List.of(bridge.post("/v1/messages", request(false)),
                    bridge.post("/v1/messages", request(true)), bridge.post("/v1/messages", request(true)));

            AnthropicStreamGrammar.check(responses.getLast().events());
            for (TestBridge.Response response : responses) {
                assertTrue(response.body().contains("Incorrect API key provided"), response.body());
                assertFalse(response.body().contains("test-upstream-key"), response.body());
            }
            List<String> ids = responses.stream().map(r -> r.header("request-id")).toList();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ours(logLines, ids).size() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            List<String> lines = ours(logLines, ids);
            assertEquals(3, lines.size(), logLines.toString());
            lines.forEach(line -> assertFalse(line.contains("test-upstream-key"), line));
        } finally {
            exchangeLog.removeHandler(capture);
        }
    }

    /** The exchange log lines of the given requests: other tests' lines can arrive while the handler listens. */
    private static List<String> ours(List<String> logLines, List<String> requestIds) {
        synchronized (logLines) {
            return logLines.stream().filter(line -> requestIds.stream().anyMatch(line::startsWith)).toList();
        }
    }

    // ---- no upstream ------------------------------------------------------------------------------------------

    @Test
    void withoutAnUpstreamTheBridgeStartsAndSaysWhatToSet() {
        try (TestBridge unconfigured = TestBridge.start(Map.of())) {
            for (boolean stream : new boolean[] {false, true}) {
                TestBridge.Response response = unconfigured.post("/v1/messages?beta=true", request(stream));

                assertTrue(response.status() >= 400, response.body());
                JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
                assertFalse(error.getString("type").isBlank());
                assertTrue(error.getString("message").contains("JOY_TOKEN_API_KEY"), error.toString());
                assertTrue(error.getString("message").contains("UPSTREAM_BASE_URL"), error.toString());
            }
            TestBridge.Response count = unconfigured.post("/v1/messages/count_tokens?beta=true", request(false));
            assertEquals(200, count.status(), count.body());
            assertTrue(Json.parseObject(count.body()).getInt("input_tokens") > 0);
            assertEquals(200, unconfigured.get("/health").status());
            assertEquals(200, unconfigured.get("/v1/models").status());
        }
    }

    // ---- request ids ------------------------------------------------------------------------------------------

    @Test
    void aSafeClientRequestIdIsEchoedAndSentUpstreamByJoyToken() {
        upstream.enqueue(UpstreamStub.json(200, completion("traced")));

        TestBridge.Response response = joy.post("/v1/messages?beta=true", request(false),
                Map.of("x-request-id", "client-trace_42.a:b"));

        assertEquals(200, response.status(), response.body());
        assertEquals("client-trace_42.a:b", response.header("request-id"));
        assertEquals("client-trace_42.a:b", upstream.lastRequest().headers().get("x-request-id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has spaces in it", "evil%0D%0AX-Injected:%20yes", "<script>", "tab\there"})
    void anUnsafeClientRequestIdIsReplaced(String unsafe) {
        assertUnsafeRequestIdReplaced(unsafe);
    }

    @Test
    void anOverlongClientRequestIdIsReplaced() {
        assertUnsafeRequestIdReplaced("a".repeat(500));
    }

    private static void assertUnsafeRequestIdReplaced(String unsafe) {
        upstream.enqueue(UpstreamStub.json(200, completion("traced")));

        TestBridge.Response response = joy.post("/v1/messages", request(false), Map.of("x-request-id", unsafe));

        assertEquals(200, response.status(), response.body());
        String id = response.header("request-id");
        assertNotEquals(unsafe, id);
        assertTrue(id.matches("req_[A-Za-z0-9]+"), id);
        assertEquals(id, upstream.lastRequest().headers().get("x-request-id"));
        assertNull(upstream.lastRequest().headers().get("x-injected"));
    }

    // ---- count_tokens -----------------------------------------------------------------------------------------

    @Test
    void countTokensCountsMessagesSystemAndToolsWithTheO200kTokenizer() {
        String text = "The quick brown fox jumps over the lazy dog while the bridge counts every token. ".repeat(40);
        int o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE).countTokens(text);
        String messages = "'messages':[{'role':'user','content':'" + text + "'}]";
        String system = "'system':'You are a careful assistant. Answer briefly and cite your sources.'";
        String tools = "'tools':[{'name':'get_weather','description':'Current weather for a city',"
                + "'input_schema':{'type':'object','properties':{'city':{'type':'string'}},'required':['city']}}]";

        int plain = countTokens("{'model':'" + MODEL + "'," + messages + "}");
        int withSystem = countTokens("{'model':'" + MODEL + "'," + system + "," + messages + "}");
        int withTools = countTokens("{'model':'" + MODEL + "'," + system + "," + tools + "," + messages + "}");

        assertTrue(plain >= o200k && plain <= o200k + 16, plain + " vs o200k " + o200k);
        assertTrue(withSystem > plain + 10, withSystem + " vs " + plain);
        assertTrue(withTools > withSystem + 10, withTools + " vs " + withSystem);
        assertTrue(upstream.requests().isEmpty(), "count_tokens is answered locally");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/messages/count_tokens", "/v1/messages/count_tokens?beta=true",
            "/anthropic/v1/messages/count_tokens?beta=true"})
    void countTokensAnswersOnlyInputTokensAtEveryPath(String path) {
        TestBridge.Response response = bridge.post(path, request(false));

        assertEquals(200, response.status(), response.body());
        JsonObject body = Json.parseObject(response.body());
        assertEquals(List.of("input_tokens"), List.copyOf(body.keySet()));
        assertTrue(body.getInt("input_tokens") > 0);
    }

    // ---- models and health ------------------------------------------------------------------------------------

    @Test
    void modelsListIsAnthropicShapedWithClaudeIdsIncludingTheExactMapKeys() {
        String map = "{\"claude-custom-team-model\":\"gpt-team\",\"claude-*haiku*\":\"gpt-small\","
                + "\"gpt-4o\":\"gpt-4o\"}";
        try (TestBridge mapped = TestBridge.forStub(upstream, Map.of("MODEL_MAP_JSON", map))) {
            TestBridge.Response response = mapped.get("/v1/models?limit=100");

            assertEquals(200, response.status(), response.body());
            JsonObject list = Json.parseObject(response.body());
            JsonArray data = list.getJsonArray("data");
            List<String> ids = data.getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
            assertFalse(ids.isEmpty());
            assertTrue(ids.stream().allMatch(id -> id.startsWith("claude")), ids.toString());
            assertTrue(ids.contains("claude-custom-team-model"), ids.toString());
            assertFalse(ids.contains("claude-*haiku*"), ids.toString());
            assertFalse(list.getBoolean("has_more"));
            assertEquals(ids.getFirst(), list.getString("first_id"));
            assertEquals(ids.getLast(), list.getString("last_id"));
            for (JsonObject model : data.getValuesAs(JsonObject.class)) {
                assertEquals("model", model.getString("type"));
                assertFalse(model.getString("display_name").isBlank());
                assertFalse(model.getString("created_at").isBlank());
            }
            JsonObject custom = Json.parseObject(mapped.get("/v1/models/claude-custom-team-model").body());
            assertEquals("claude-custom-team-model", custom.getString("id"));
            assertTrue(custom.getString("display_name").contains("gpt-team"), custom.toString());
        }
    }

    @Test
    void modelsListPagesWithLimitAfterIdAndBeforeId() {
        List<String> all = ids(Json.parseObject(bridge.get("/v1/models?limit=1000").body()));
        assertTrue(all.size() >= 4, all.toString());

        JsonObject first = Json.parseObject(bridge.get("/v1/models?limit=2").body());
        assertEquals(all.subList(0, 2), ids(first));
        assertTrue(first.getBoolean("has_more"));

        JsonObject second = Json.parseObject(bridge.get("/v1/models?limit=2&after_id=" + first.getString("last_id"))
                .body());
        assertEquals(all.subList(2, 4), ids(second));
        assertEquals(all.size() > 4, second.getBoolean("has_more"));

        JsonObject before = Json.parseObject(bridge.get("/v1/models?limit=1&before_id=" + second.getString("first_id"))
                .body());
        assertEquals(List.of(all.get(1)), ids(before));
        assertTrue(before.getBoolean("has_more"));

        JsonObject end = Json.parseObject(bridge.get("/v1/models?after_id=" + all.getLast()).body());
        assertTrue(ids(end).isEmpty());
        assertFalse(end.getBoolean("has_more"));
        assertEquals(JsonValue.NULL, end.get("first_id"));
    }

    @Test
    void oneModelByIdAndAnUnknownOneIsNotFound() {
        String id = ids(Json.parseObject(bridge.get("/v1/models").body())).getFirst();

        TestBridge.Response known = bridge.get("/anthropic/v1/models/" + id);
        TestBridge.Response unknown = bridge.get("/v1/models/not-a-model");

        assertEquals(200, known.status(), known.body());
        assertEquals(id, Json.parseObject(known.body()).getString("id"));
        assertEquals("model", Json.parseObject(known.body()).getString("type"));
        assertEquals(404, unknown.status());
        assertEquals("not_found_error", Json.parseObject(unknown.body()).getJsonObject("error").getString("type"));
        assertFalse(unknown.header("request-id").isBlank());
    }

    @Test
    void healthIsOk() {
        TestBridge.Response response = bridge.get("/health");

        assertEquals(200, response.status());
        assertEquals("ok", Json.parseObject(response.body()).getString("status"));
    }

    // ---- model mapping ----------------------------------------------------------------------------------------

    @Test
    void modelMapExactGlobAndDefaultReachTheUpstreamWhileTheResponseEchoesTheClient() {
        Map<String, String> settings = Map.of(
                "MODEL_MAP_JSON", "{\"claude-opus-4-6\":\"big-model\",\"claude-*haiku*\":\"small-model\"}",
                "DEFAULT_UPSTREAM_MODEL", "default-model");
        Map<String, String> expected = Map.of(
                "claude-opus-4-6", "big-model",
                "claude-haiku-4-5", "small-model",
                "claude-3-5-haiku-latest", "small-model",
                "claude-sonnet-4-5", "default-model");
        try (TestBridge mapped = TestBridge.forStub(upstream, settings)) {
            expected.forEach((client, sent) -> {
                upstream.enqueue(UpstreamStub.json(200, completion("mapped")));
                upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("mapped").finish("stop").done()));

                JsonObject message = Json.parseObject(mapped.post("/v1/messages", request(client, false)).body());
                assertEquals(sent, upstream.requests().getLast().json().getString("model"), client);
                assertEquals(client, message.getString("model"));

                List<SseEvent> events = mapped.post("/v1/messages", request(client, true)).events();
                AnthropicStreamGrammar.check(events);
                assertEquals(sent, upstream.requests().getLast().json().getString("model"), client);
                assertEquals(client, events.getFirst().data().getJsonObject("message").getString("model"));
            });
        }
    }

    @Test
    void forcedModelWinsOverTheMap() {
        Map<String, String> settings = Map.of(
                "MODEL_MAP_JSON", "{\"claude-opus-4-6\":\"big-model\"}",
                "DEFAULT_UPSTREAM_MODEL", "forced-model",
                "FORCE_UPSTREAM_MODEL", "true");
        try (TestBridge forced = TestBridge.forStub(upstream, settings)) {
            upstream.enqueue(UpstreamStub.json(200, completion("forced")));

            JsonObject message = Json.parseObject(forced.post("/v1/messages", request("claude-opus-4-6", false))
                    .body());

            assertEquals("forced-model", upstream.lastRequest().json().getString("model"));
            assertEquals("claude-opus-4-6", message.getString("model"));
        }
    }

    @Test
    void joyTokenKeyAloneConfiguresTheJoyTokenAdapter() {
        upstream.enqueue(UpstreamStub.json(200, completion("from joytoken")));

        TestBridge.Response response = joy.post("/v1/messages?beta=true", request(false),
                Map.of("x-api-key", "caller-key-not-forwarded"));

        assertEquals(200, response.status(), response.body());
        UpstreamStub.Recorded sent = upstream.lastRequest();
        assertEquals("/v1/chat/completions", sent.path());
        assertEquals("Bearer joy-test-key-0001", sent.headers().get("authorization"));
        assertEquals("auto", sent.json().getString("model"));
        assertEquals(response.header("request-id"), sent.headers().get("x-request-id"));
        assertEquals(MODEL, Json.parseObject(response.body()).getString("model"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String request(boolean stream) {
        return request(MODEL, stream);
    }

    private static String request(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":256,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello bridge\"}]}";
    }

    private static String completion(String text) {
        return "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"gpt-test\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,"
                + "\"total_tokens\":15}}";
    }

    private static int countTokens(String singleQuotedRequest) {
        TestBridge.Response response = bridge.post("/v1/messages/count_tokens?beta=true",
                Json.q(singleQuotedRequest).toString());
        assertEquals(200, response.status(), response.body());
        return Json.parseObject(response.body()).getInt("input_tokens");
    }

    private static List<String> ids(JsonObject list) {
        return list.getJsonArray("data").getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
    }

    private static String text(List<SseEvent> events) {
        StringBuilder text = new StringBuilder();
        for (SseEvent event : events) {
            if (event.type().equals("content_block_delta")
                    && event.data().getJsonObject("delta").getString("type").equals("text_delta")) {
                text.append(event.data().getJsonObject("delta").getString("text"));
            }
        }
        return text.toString();
    }
}
