package dev.ccbridge.server.observe;

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
import dev.ccbridge.server.testing.WrittenLines;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every number of an exchange's console line, JSON log line and usage record, checked against what the stub
 * upstream said: uncached input, output, cache reads and writes, time to first token (the stub holds back its
 * first text), total time, status, upstream status, the upstreams failed over, and JoyToken's used model, credits
 * and cost. The three writers describe one exchange, so they must agree with each other too.
 */
class ExchangeNumbersTest {

    private static final String MODEL = "claude-sonnet-4-5";
    private static final String CALLER_KEY = "caller-fake-key-for-numbers";
    private static final String SESSION = "session-numbers-1";
    private static final Duration GAP = Duration.ofMillis(200);
    private static final Pattern TOKENS = Pattern.compile(" in=(\\d+) out=(\\d+) cache_read=(\\d+) cache_write=(\\d+)");
    private static final Set<String> JSON_FIELDS = Set.of("time", "request_id", "route", "session_id",
            "key_fingerprint", "client_model", "upstream", "upstream_model", "used_model", "stream", "status",
            "upstream_status", "stop_reason", "input_tokens", "output_tokens", "cache_read_tokens",
            "cache_write_tokens", "ttft_ms", "total_ms", "failed_over", "credits", "cost", "currency", "report",
            "client_gone", "error_type", "error_message");

    @TempDir
    static Path files;
    private static UpstreamStub upstream;
    private static TestBridge bridge;
    private LogCapture log;

    @BeforeAll
    static void start() {
        upstream = UpstreamStub.start();
        bridge = TestBridge.forStub(upstream, Map.of(
                "BRIDGE_EXCHANGE_LOG", files.resolve("exchanges.jsonl").toString(),
                "BRIDGE_USAGE_DIR", files.resolve("usage").toString(),
                "BRIDGE_REPLICA", "replica-a"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        upstream.close();
    }

    @BeforeEach
    void captureTheConsoleLine() {
        log = LogCapture.exchanges();
    }

    @AfterEach
    void everyUpstreamRequestMatchesTheOpenAiSchema() {
        log.close();
        upstream.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        upstream.reset();
    }

    @Test
    void aStreamsNumbersAreTheUpstreamsAndTheFirstTokenTimeIsWhenItsFirstTextCame() {
        String usage = "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
                + "\"model\":\"gpt-test\",\"choices\":[],\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":34,"
                + "\"total_tokens\":1234,\"prompt_tokens_details\":{\"cached_tokens\":1000,"
                + "\"cache_write_tokens\":150}}}";
        // The first text comes one gap after the head (a comment comes first), the end one gap later.
        upstream.enqueue(new UpstreamStub.Streamed(200, "text/event-stream", List.of(": warming up\n\n",
                OpenAiSse.stream().text("Hel").withoutDone(),
                OpenAiSse.continued().text("lo").finish("stop").raw(usage).done()),
                GAP, Map.of(), false, Duration.ZERO));

        TestBridge.TimedResponse response = bridge.postTimed("/v1/messages", Messages.request(MODEL, true),
                Map.of("authorization", "Bearer " + CALLER_KEY, "x-claude-code-session-id", SESSION));
        String requestId = response.headers().get("request-id").getFirst();
        String line = log.lineOf(requestId);
        long logSeenMillis = (System.nanoTime() - response.sentNanos()) / 1_000_000;

        assertEquals(200, response.status());
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        JsonObject clientUsage = events.stream().filter(e -> "message_delta".equals(e.event())).findFirst()
                .orElseThrow().data().getJsonObject("usage");
        assertEquals(50, clientUsage.getInt("input_tokens"), "1200 prompt - 1000 cached - 150 written");
        assertEquals(34, clientUsage.getInt("output_tokens"));
        assertEquals(1000, clientUsage.getInt("cache_read_input_tokens"));
        assertEquals(150, clientUsage.getInt("cache_creation_input_tokens"));

        assertTokens(line, 50, 34, 1000, 150);
        String upstreamModel = upstream.lastRequest().json().getString("model");
        assertTrue(line.startsWith(requestId + " POST /v1/messages session=" + SESSION + " key="
                + KeyFingerprint.of(CALLER_KEY) + " model=" + MODEL + "->upstream/" + upstreamModel
                + " stream status=200 upstream_status=200 stop=end_turn "), line);
        long ttft = number(line, "ttft_ms");
        long total = number(line, "total_ms");
        long firstTextAtClient = (response.arrivalOf("text_delta") - response.sentNanos()) / 1_000_000;
        assertTrue(ttft >= GAP.toMillis(), "the first text left the stub " + GAP + " after its head: " + line);
        assertTrue(ttft <= firstTextAtClient, "the client had the first text after " + firstTextAtClient + " ms: "
                + line);
        assertTrue(total >= 2 * GAP.toMillis() && total >= ttft, line);
        assertTrue(total <= logSeenMillis, "the line was read " + logSeenMillis + " ms after the request: " + line);
        assertFalse(line.contains("failed_over") || line.contains("error="), line);

        JsonObject json = WrittenLines.await(files.resolve("exchanges.jsonl"), requestId);
        assertEquals(JSON_FIELDS, json.keySet());
        assertEquals("2026-01-01T00:00:00.000Z", json.getString("time"));
        assertEquals("POST /v1/messages", json.getString("route"));
        assertEquals(SESSION, json.getString("session_id"));
        assertEquals(KeyFingerprint.of(CALLER_KEY), json.getString("key_fingerprint"));
        assertEquals(MODEL, json.getString("client_model"));
        assertEquals("upstream", json.getString("upstream"));
        assertEquals(upstreamModel, json.getString("upstream_model"));
        assertEquals(upstreamModel, json.getString("used_model"), "the upstream reported no other model");
        assertTrue(json.getBoolean("stream"));
        assertEquals(200, json.getInt("status"));
        assertEquals(200, json.getInt("upstream_status"));
        assertEquals("end_turn", json.getString("stop_reason"));
        assertJsonTokens(json, 50, 34, 1000, 150);
        assertEquals(ttft, json.getJsonNumber("ttft_ms").longValue());
        assertEquals(total, json.getJsonNumber("total_ms").longValue());
        assertTrue(json.getJsonArray("failed_over").isEmpty());
        assertTrue(json.getJsonObject("report").isEmpty());
        for (String absent : List.of("credits", "cost", "currency", "error_type", "error_message")) {
            assertEquals(JsonValue.NULL, json.get(absent), absent);
        }
        assertFalse(json.getBoolean("client_gone"));

        JsonObject usageRecord = WrittenLines.await(files.resolve("usage/2026-01-01.replica-a.jsonl"), requestId);
        assertJsonTokens(usageRecord, 50, 34, 1000, 150);
        assertEquals(KeyFingerprint.of(CALLER_KEY), usageRecord.getString("key_fingerprint"));
        assertEquals(SESSION, usageRecord.getString("session_id"));
        assertEquals(MODEL, usageRecord.getString("client_model"));
        assertEquals(upstreamModel, usageRecord.getString("used_model"));
        assertEquals(200, usageRecord.getInt("status"));
    }

    @Test
    void aWholeAnswersNumbersAreTheUpstreamsAndItHasNoFirstTokenTime() {
        upstream.enqueue(UpstreamStub.json(200, "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\","
                + "\"created\":1767225600,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"whole\"},\"finish_reason\":\"length\"}],\"usage\":{"
                + "\"prompt_tokens\":900,\"completion_tokens\":21,\"total_tokens\":921,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":600}}}"));

        long sent = System.nanoTime();
        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, false));
        String requestId = response.header("request-id");
        String line = log.lineOf(requestId);
        long logSeenMillis = (System.nanoTime() - sent) / 1_000_000;

        assertEquals(200, response.status(), response.body());
        JsonObject clientUsage = Json.parseObject(response.body()).getJsonObject("usage");
        assertEquals(300, clientUsage.getInt("input_tokens"));
        assertEquals(21, clientUsage.getInt("output_tokens"));
        assertEquals(600, clientUsage.getInt("cache_read_input_tokens"));
        assertTokens(line, 300, 21, 600, 0);
        assertTrue(line.contains(" key=- ") && line.contains(" session=- "), "no key, no session: " + line);
        assertTrue(line.contains(" sync status=200 upstream_status=200 stop=max_tokens "), line);
        assertFalse(line.contains("ttft_ms"), "a whole answer has no first token before its end: " + line);
        assertTrue(number(line, "total_ms") <= logSeenMillis, line);

        JsonObject json = WrittenLines.await(files.resolve("exchanges.jsonl"), requestId);
        assertJsonTokens(json, 300, 21, 600, 0);
        assertEquals(JsonValue.NULL, json.get("ttft_ms"));
        assertEquals(JsonValue.NULL, json.get("key_fingerprint"));
        assertEquals(JsonValue.NULL, json.get("session_id"));
        assertFalse(json.getBoolean("stream"));
        assertEquals("max_tokens", json.getString("stop_reason"));
        assertEquals(number(line, "total_ms"), json.getJsonNumber("total_ms").longValue());
        assertJsonTokens(WrittenLines.await(files.resolve("usage/2026-01-01.replica-a.jsonl"), requestId),
                300, 21, 600, 0);
    }

    @Test
    void aRefusedRequestHasTheUpstreamsStatusAndNoTokens() {
        upstream.enqueue(UpstreamStub.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}",
                Map.of("retry-after", "30")));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true));
        String requestId = response.header("request-id");
        String line = log.lineOf(requestId);

        assertEquals(429, response.status(), response.body());
        assertTrue(line.contains(" status=429 upstream_status=429 "), line);
        assertTrue(line.contains(" error=rate_limit_error \""), line);
        assertFalse(line.contains(" in=") || line.contains("ttft_ms") || line.contains(" stop="), line);

        JsonObject json = WrittenLines.await(files.resolve("exchanges.jsonl"), requestId);
        assertEquals(429, json.getInt("status"));
        assertEquals(429, json.getInt("upstream_status"));
        assertEquals("rate_limit_error", json.getString("error_type"));
        assertTrue(json.getString("error_message").contains("slow down"), json.toString());
        for (String absent : List.of("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
                "ttft_ms", "stop_reason")) {
            assertEquals(JsonValue.NULL, json.get(absent), absent);
        }
        JsonObject usageRecord = WrittenLines.await(files.resolve("usage/2026-01-01.replica-a.jsonl"), requestId);
        assertEquals(429, usageRecord.getInt("status"));
        assertEquals("rate_limit_error", usageRecord.getString("error_type"));
        assertJsonTokens(usageRecord, 0, 0, 0, 0);
    }

    @Test
    void aRequestRefusedBeforeAnyUpstreamIsLoggedButCostsNothing() {
        TestBridge.Response response = bridge.post("/v1/messages", "{\"model\":\"" + MODEL + "\",\"messages\":[]}");
        String requestId = response.header("request-id");
        String line = log.lineOf(requestId);

        assertEquals(400, response.status(), response.body());
        assertTrue(line.contains(" status=400 ") && !line.contains("upstream_status"), line);
        JsonObject json = WrittenLines.await(files.resolve("exchanges.jsonl"), requestId);
        assertEquals(400, json.getInt("status"));
        assertEquals(JsonValue.NULL, json.get("upstream_status"));
        assertEquals(JsonValue.NULL, json.get("upstream"));
        assertTrue(WrittenLines.read(files.resolve("usage/2026-01-01.replica-a.jsonl")).stream()
                .noneMatch(record -> requestId.equals(record.getString("request_id"))));
    }

    @Test
    void aFallbackNamesTheUpstreamThatFailedAndItsStatus(@TempDir Path dir) {
        try (UpstreamStub primary = UpstreamStub.start(); UpstreamStub secondary = UpstreamStub.start();
             TestBridge twoUpstreams = TestBridge.start(new BridgeConfig()
                     .upstream("primary", primary)
                     .upstream("secondary", secondary)
                     .set("BRIDGE_EXCHANGE_LOG", dir.resolve("exchanges.jsonl").toString())
                     .values())) {
            primary.enqueue(UpstreamStub.json(503, "{\"error\":{\"message\":\"down for maintenance\"}}"));
            secondary.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("from the secondary").finish("stop")
                    .usage(40, 5).done()));

            TestBridge.Response response = twoUpstreams.post("/v1/messages", Messages.request(MODEL, true));
            String requestId = response.header("request-id");
            String line = log.lineOf(requestId);

            assertEquals("from the secondary", Messages.text(response));
            assertTrue(line.contains("->secondary/"), line);
            assertTrue(line.contains(" status=200 upstream_status=200 "), line);
            assertTrue(line.contains(" failed_over=primary:503"), line);
            assertTokens(line, 40, 5, 0, 0);
            JsonObject json = WrittenLines.await(dir.resolve("exchanges.jsonl"), requestId);
            assertEquals(List.of("primary:503"), json.getJsonArray("failed_over").getValuesAs(
                    jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
            assertEquals("secondary", json.getString("upstream"));
            assertEquals(200, json.getInt("upstream_status"));
            assertJsonTokens(json, 40, 5, 0, 0);
            OpenAiRequestSchema.check(primary.lastRequest().body());
            OpenAiRequestSchema.check(secondary.lastRequest().body());
        }
    }

    @Test
    void joyTokensUsedModelCreditsAndCostAreOnEveryLine(@TempDir Path dir) {
        try (UpstreamStub joyToken = UpstreamStub.start();
             TestBridge joyBridge = TestBridge.start(Map.of(
                     "JOY_TOKEN_API_KEY", "joy-fake-key-for-numbers",
                     "JOY_TOKEN_OPENAI_BASE_URL", joyToken.baseUrl(),
                     "BRIDGE_EXCHANGE_LOG", dir.resolve("exchanges.jsonl").toString(),
                     "BRIDGE_USAGE_DIR", dir.resolve("usage").toString(),
                     "BRIDGE_REPLICA", "joy"))) {
            joyToken.otherwise(request -> UpstreamStub.json(404, "{\"error\":{\"message\":\"not scripted\"}}"));
            joyToken.enqueue(new UpstreamStub.Streamed(200, "text/event-stream", UpstreamStub.events(
                    OpenAiSse.stream().text("governed").finish("stop").usage(120, 7)
                            .raw("{\"id\":\"chatcmpl-jt\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
                                    + "\"model\":\"deepseek-v3\",\"choices\":[],\"metadata\":{\"tier\":\"standard\","
                                    + "\"billing\":{\"credits\":12.5,\"tokens\":127,\"cost\":0.0031,\"currency\":"
                                    + "\"USD\"}}}")
                            .done()), Duration.ZERO,
                    Map.of("X-DAOE-Used-Model", "deepseek-v3", "X-DAOE-Used-Provider", "deepseek"), false,
                    Duration.ZERO));

            TestBridge.Response response = joyBridge.post("/v1/messages", Messages.request(MODEL, true));
            String requestId = response.header("request-id");
            String line = log.lineOf(requestId);

            assertEquals("governed", Messages.text(response));
            assertTrue(line.contains(" model=" + MODEL + "->joytoken/auto "), line);
            assertTokens(line, 120, 7, 0, 0);
            for (String field : List.of(" used_model=deepseek-v3", " credits=12.5", " cost=0.0031", " currency=USD",
                    " billed_tokens=127")) {
                assertTrue(line.contains(field), field + " in " + line);
            }
            JsonObject json = WrittenLines.await(dir.resolve("exchanges.jsonl"), requestId);
            assertEquals("auto", json.getString("upstream_model"));
            assertEquals("deepseek-v3", json.getString("used_model"));
            assertEquals(new BigDecimal("12.5"), json.getJsonNumber("credits").bigDecimalValue());
            assertEquals(new BigDecimal("0.0031"), json.getJsonNumber("cost").bigDecimalValue());
            assertEquals("USD", json.getString("currency"));
            assertEquals("deepseek", json.getJsonObject("report").getString("used_provider"));
            assertJsonTokens(json, 120, 7, 0, 0);
            JsonObject usageRecord = WrittenLines.await(dir.resolve("usage/2026-01-01.joy.jsonl"), requestId);
            assertEquals("deepseek-v3", usageRecord.getString("used_model"));
            assertEquals("auto", usageRecord.getString("upstream_model"));
            assertEquals(new BigDecimal("12.5"), usageRecord.getJsonNumber("credits").bigDecimalValue());
            assertEquals(new BigDecimal("0.0031"), usageRecord.getJsonNumber("cost").bigDecimalValue());
            assertEquals("USD", usageRecord.getString("currency"));
            assertJsonTokens(usageRecord, 120, 7, 0, 0);
            OpenAiRequestSchema.check(joyToken.lastRequest().body());
        }
    }

    private static void assertTokens(String line, int input, int output, int cacheRead, int cacheWrite) {
        Matcher tokens = TOKENS.matcher(line);
        assertTrue(tokens.find(), "no tokens in " + line);
        assertEquals(List.of(input, output, cacheRead, cacheWrite), List.of(Integer.parseInt(tokens.group(1)),
                Integer.parseInt(tokens.group(2)), Integer.parseInt(tokens.group(3)),
                Integer.parseInt(tokens.group(4))), line);
    }

    private static void assertJsonTokens(JsonObject json, int input, int output, int cacheRead, int cacheWrite) {
        assertEquals(List.of(input, output, cacheRead, cacheWrite), List.of(json.getInt("input_tokens"),
                json.getInt("output_tokens"), json.getInt("cache_read_tokens"), json.getInt("cache_write_tokens")),
                json.toString());
    }

    private static long number(String line, String field) {
        Matcher value = Pattern.compile(" " + field + "=(\\d+)").matcher(line);
        assertTrue(value.find(), "no " + field + " in " + line);
        return Long.parseLong(value.group(1));
    }
}
