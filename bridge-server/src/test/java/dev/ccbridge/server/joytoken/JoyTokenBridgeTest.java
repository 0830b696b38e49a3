package dev.ccbridge.server.joytoken;

import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.LogCapture;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge pointed at JoyToken with nothing but {@code JOY_TOKEN_API_KEY} and {@code JOY_TOKEN_OPENAI_BASE_URL},
 * against a stub that behaves as the JoyToken guides document: governance headers, billing metadata in the body
 * and the stream, its refusals, and its model catalog. Plus the production settings: an allowlist of model keys
 * and a tier.
 */
class JoyTokenBridgeTest {

    private static final String KEY = "joy-test-key-0042";
    private static final Map<String, String> GOVERNANCE = Map.of(
            "X-DAOE-Used-Model", "deepseek-v3",
            "X-DAOE-Used-Provider", "deepseek",
            "X-Request-ID", "jt-req-7781");
    private static final String METADATA = "\"metadata\":{\"tier\":\"standard\",\"billing\":{\"credits\":12.5,"
            + "\"tokens\":15,\"cost\":0.0031},\"latency\":{\"total_ms\":840}}";
    private static final String CATALOG = "{\"data\":[{\"key\":\"joy-small\",\"context_window\":64000,"
            + "\"max_output_tokens\":8192},{\"key\":\"joy-large\",\"context_window\":200000},"
            + "{\"key\":\"openrouter/deepseek-r1\",\"context_window\":128000}]}";

    private static UpstreamStub joyToken;
    private static TestBridge bridge;
    private LogCapture log;

    @BeforeAll
    static void start() {
        joyToken = UpstreamStub.start();
        bridge = TestBridge.start(seeds(Map.of()));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        joyToken.close();
    }

    @BeforeEach
    void answerTheCatalogAndCaptureTheLog() {
        joyToken.otherwise(request -> request.path().equals("/api/v1/models") ? UpstreamStub.json(200, CATALOG)
                : UpstreamStub.json(500, "{\"error\":{\"message\":\"the JoyToken stub has no reply scripted\"}}"));
        log = LogCapture.exchanges();
    }

    @AfterEach
    void everyChatRequestMatchesTheOpenAiSchema() {
        log.close();
        joyToken.requests().stream().filter(request -> request.path().endsWith("/chat/completions"))
                .forEach(request -> OpenAiRequestSchema.check(request.body()));
        joyToken.reset();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theKeyAndBaseUrlAloneReachJoyTokenAndItsGovernanceSignalsReachTheClientAndTheLog(boolean stream) {
        joyToken.enqueue(stream
                ? new UpstreamStub.Streamed(200, "text/event-stream", UpstreamStub.events(OpenAiSse.stream()
                        .text("governed answer").finish("stop").usage(12, 3)
                        .raw("{\"id\":\"chatcmpl-jt\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
                                + "\"model\":\"deepseek-v3\",\"choices\":[]," + METADATA + "}")
                        .done()), Duration.ZERO, GOVERNANCE, false, Duration.ZERO)
                : UpstreamStub.json(200, Messages.completion("governed answer").replaceFirst("\\}$", "," + METADATA
                        + "}"), GOVERNANCE));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", Messages.request("claude-sonnet-4-5",
                stream));

        assertEquals(200, response.status(), response.body());
        assertEquals("governed answer", Messages.text(response));
        UpstreamStub.Recorded sent = joyToken.lastRequest();
        assertEquals("/v1/chat/completions", sent.path());
        assertEquals("Bearer " + KEY, sent.headers().get("authorization"));
        assertEquals(response.header("request-id"), sent.headers().get("x-request-id"));
        assertEquals("auto", sent.json().getString("model"));
        assertFalse(sent.json().containsKey("tier"), "no tier unless one is configured");
        assertEquals("deepseek-v3", response.header("x-joytoken-used-model"));
        assertEquals("deepseek", response.header("x-joytoken-used-provider"));
        assertEquals("jt-req-7781", response.header("x-joytoken-request-id"));
        String line = log.lineOf(response.header("request-id"));
        for (String field : List.of(" used_model=deepseek-v3", " used_provider=deepseek", " tier=standard",
                " credits=12.5", " cost=0.0031", " billed_tokens=15", " latency_total_ms=840",
                " upstream_request_id=jt-req-7781")) {
            assertTrue(line.contains(field), field + " in " + line);
        }
        assertFalse(line.contains(KEY), line);
    }

    @Test
    void aClientsRequestIdIsTheOneJoyTokenGets() {
        joyToken.enqueue(UpstreamStub.json(200, Messages.completion("traced")));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5", false),
                Map.of("x-request-id", "claude-code-trace-1"));

        assertEquals("claude-code-trace-1", response.header("request-id"));
        assertEquals("claude-code-trace-1", joyToken.lastRequest().headers().get("x-request-id"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anInvalidKeyIsAPermissionErrorThatNamesTheVariable(boolean stream) {
        joyToken.enqueue(UpstreamStub.json(401, "{\"error\":{\"message\":\"invalid api key\",\"type\":\"auth\"}}"));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5", stream));

        assertEquals(403, response.status(), response.body());
        JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
        assertEquals("permission_error", error.getString("type"));
        assertTrue(error.getString("message").contains("JOY_TOKEN_API_KEY"), error.toString());
        assertTrue(error.getString("message").contains("invalid api key"), error.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anExhaustedWalletIsABillingError(boolean stream) {
        joyToken.enqueue(UpstreamStub.json(402, "{\"error\":{\"message\":\"wallet balance exhausted\"}}"));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5", stream));

        assertEquals(402, response.status(), response.body());
        JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
        assertEquals("billing_error", error.getString("type"));
        assertTrue(error.getString("message").contains("top up"), error.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRateLimitKeepsItsRetryAfter(boolean stream) {
        joyToken.enqueue(UpstreamStub.json(429, "{\"error\":{\"message\":\"too many requests for this key\"}}",
                Map.of("Retry-After", "12")));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5", stream));

        assertEquals(429, response.status(), response.body());
        assertEquals("12", response.header("retry-after"));
        JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
        assertEquals("rate_limit_error", error.getString("type"));
        assertTrue(error.getString("message").contains("too many requests for this key"), error.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void withAnAllowlistAModelOutsideItIsNotFoundBeforeAnythingIsSent(boolean stream) {
        try (TestBridge production = TestBridge.start(seeds(Map.of(
                "JOY_TOKEN_ALLOWED_MODELS", "joy-small, joy-large",
                "MODEL_MAP_JSON", "{\"claude-*haiku*\":\"joy-small\"}")))) {
            joyToken.enqueue(Messages.answer("small answer", stream));

            TestBridge.Response allowed = production.post("/v1/messages", Messages.request("claude-haiku-4-5",
                    stream));
            TestBridge.Response refused = production.post("/v1/messages", Messages.request("claude-opus-4-6",
                    stream));

            assertEquals("small answer", Messages.text(allowed));
            assertEquals("joy-small", joyToken.lastRequest().json().getString("model"));
            assertEquals(404, refused.status(), refused.body());
            JsonObject error = Json.parseObject(refused.body()).getJsonObject("error");
            assertEquals("not_found_error", error.getString("type"));
            assertTrue(error.getString("message").contains("'auto'") && error.getString("message")
                    .contains("joy-small, joy-large"), error.toString());
            assertEquals(1, joyToken.requests().size(), "the refused request never left the bridge");
        }
    }

    @Test
    void theConfiguredTierGoesInTheBody() {
        try (TestBridge tiered = TestBridge.start(seeds(Map.of("JOY_TOKEN_TIER", "standard")))) {
            joyToken.enqueue(Messages.answer("tiered", true));

            TestBridge.Response response = tiered.post("/v1/messages", Messages.request("claude-sonnet-4-5", true));

            assertEquals("tiered", Messages.text(response));
            assertEquals("standard", joyToken.lastRequest().json().getString("tier"));
        }
    }

    @Test
    void theModelListIncludesJoyTokensCatalogWithItsLimits() {
        TestBridge.Response response = bridge.get("/v1/models?limit=100");

        assertEquals(200, response.status(), response.body());
        Map<String, JsonObject> models = new HashMap<>();
        Json.parseObject(response.body()).getJsonArray("data").getValuesAs(JsonObject.class)
                .forEach(model -> models.put(model.getString("id"), model));
        assertTrue(models.containsKey("claude-sonnet-4-6"), models.keySet().toString());
        JsonObject small = models.get("claude-via-joytoken/joy-small");
        assertEquals(64000, small.getInt("max_input_tokens"), small.toString());
        assertEquals(8192, small.getInt("max_tokens"), small.toString());
        assertEquals("joy-small on joytoken", small.getString("display_name"));
        assertEquals(200000, models.get("claude-via-joytoken/joy-large").getInt("max_input_tokens"));
        assertEquals(128000, models.get("claude-via-joytoken/openrouter/deepseek-r1").getInt("max_input_tokens"));
        UpstreamStub.Recorded catalog = joyToken.requests().stream()
                .filter(request -> request.path().equals("/api/v1/models")).findFirst().orElseThrow();
        assertEquals("GET", catalog.method());
        assertEquals("Bearer " + KEY, catalog.headers().get("authorization"));
    }

    @Test
    void oneCatalogModelCanBeLookedUpAndUsed() {
        TestBridge.Response model = bridge.get("/v1/models/claude-via-joytoken/openrouter/deepseek-r1");
        joyToken.enqueue(Messages.answer("from r1", false));
        TestBridge.Response answer = bridge.post("/v1/messages",
                Messages.request("claude-via-joytoken/openrouter/deepseek-r1", false));

        assertEquals(200, model.status(), model.body());
        assertEquals(128000, Json.parseObject(model.body()).getInt("max_input_tokens"));
        assertEquals("from r1", Messages.text(answer));
        assertEquals("openrouter/deepseek-r1", joyToken.lastRequest().json().getString("model"));
    }

    @Test
    void anUnreachableCatalogLeavesTheListWithTheClaudeModels() {
        joyToken.otherwise(request -> UpstreamStub.json(503, "{\"error\":{\"message\":\"catalog down\"}}"));
        try (TestBridge fresh = TestBridge.start(seeds(Map.of()))) {
            TestBridge.Response response = fresh.get("/v1/models");

            assertEquals(200, response.status(), response.body());
            List<String> ids = Json.parseObject(response.body()).getJsonArray("data").getValuesAs(JsonObject.class)
                    .stream().map(model -> model.getString("id")).toList();
            assertTrue(ids.contains("claude-opus-4-6"), ids.toString());
            assertTrue(ids.stream().noneMatch(id -> id.startsWith("claude-via-")), ids.toString());
            assertNull(Json.parseObject(response.body()).get("error"));
        }
    }

    private static Map<String, String> seeds(Map<String, String> more) {
        Map<String, String> seeds = new HashMap<>(more);
        seeds.put("JOY_TOKEN_API_KEY", KEY);
        seeds.put("JOY_TOKEN_OPENAI_BASE_URL", joyToken.baseUrl());
        return seeds;
    }
}
