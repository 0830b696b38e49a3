package dev.ccbridge.server.routing;

import dev.ccbridge.server.testing.BridgeConfig;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.LogCapture;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
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

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which upstream and which upstream model a client model goes to, over the real HTTP path: routes by glob, each
 * target's own model, route options reaching the adapter, every upstream in order when no route matches, the
 * model map against an upstream's default model, the forced model, and catalog ids.
 */
class RoutesTest {

    private static UpstreamStub main;
    private static UpstreamStub cheap;
    private static UpstreamStub joy;
    /** Routes for haiku, opus and sonnet models; other models try every upstream in order. */
    private static TestBridge routed;
    private LogCapture log;

    @BeforeAll
    static void start() {
        main = UpstreamStub.start();
        cheap = UpstreamStub.start();
        joy = UpstreamStub.start();
        routed = TestBridge.start(new BridgeConfig()
                .upstream("main", main)
                .upstream("cheap", cheap, "default-model", "cheap-default")
                .upstream("joy", joy, "adapter", "joytoken", "default-model", "auto", "settings.tier", "standard")
                .route(List.of("claude-*haiku*"), List.of("cheap=gpt-4o-mini", "main=small-model"))
                .route(List.of("claude-opus-*"), List.of("joy"), "options.tier", "premium")
                .route(List.of("claude-sonnet-*"), List.of("joy"))
                .values());
    }

    @AfterAll
    static void stop() {
        routed.close();
        main.close();
        cheap.close();
        joy.close();
    }

    @BeforeEach
    void captureTheExchangeLog() {
        log = LogCapture.exchanges();
    }

    @AfterEach
    void everyUpstreamRequestMatchesTheOpenAiSchema() {
        log.close();
        for (UpstreamStub stub : List.of(main, cheap, joy)) {
            stub.requests().stream().filter(request -> request.path().endsWith("/chat/completions"))
                    .forEach(request -> OpenAiRequestSchema.check(request.body()));
            stub.reset();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aGlobRouteTakesItsModelsAndACatchAllRouteTakesTheRest(boolean stream) {
        try (TestBridge catchAll = TestBridge.start(new BridgeConfig()
                .upstream("main", main)
                .upstream("cheap", cheap)
                .route(List.of("claude-*haiku*"), List.of("cheap"))
                .route(List.of("*"), List.of("main"))
                .values())) {
            cheap.enqueue(Messages.answer("cheap answer", stream));
            main.enqueue(Messages.answer("main answer", stream));

            TestBridge.Response haiku = catchAll.post("/v1/messages", Messages.request("claude-haiku-4-5", stream));
            TestBridge.Response opus = catchAll.post("/v1/messages", Messages.request("claude-opus-4-6", stream));

            assertEquals("cheap answer", Messages.text(haiku));
            assertEquals("main answer", Messages.text(opus));
            assertEquals("claude-haiku-4-5", cheap.lastRequest().json().getString("model"));
            assertEquals("claude-opus-4-6", main.lastRequest().json().getString("model"));
            assertEquals(1, cheap.requests().size());
            assertEquals(1, main.requests().size());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void eachTargetOfARouteIsAskedForItsOwnModel(boolean stream) {
        cheap.enqueue(UpstreamStub.json(503, "{\"error\":{\"message\":\"cheap is down\"}}"));
        main.enqueue(Messages.answer("from main", stream));

        TestBridge.Response response = routed.post("/v1/messages", Messages.request("claude-3-5-haiku-latest", stream));

        assertEquals("from main", Messages.text(response));
        assertEquals("gpt-4o-mini", cheap.lastRequest().json().getString("model"));
        assertEquals("small-model", main.lastRequest().json().getString("model"));
        String line = log.lineOf(response.header("request-id"));
        assertTrue(line.contains(" model=claude-3-5-haiku-latest->main/small-model ")
                && line.contains(" failed_over=cheap:503"), line);
    }

    @Test
    void routeOptionsReachTheAdapterAndOverrideItsSetting() {
        joy.enqueue(Messages.answer("premium", false));
        joy.enqueue(Messages.answer("standard", false));

        routed.post("/v1/messages", Messages.request("claude-opus-4-6", false));
        JsonObject opus = joy.requests().get(0).json();
        routed.post("/v1/messages", Messages.request("claude-sonnet-4-5", false));
        JsonObject sonnet = joy.requests().get(1).json();

        assertEquals("premium", opus.getString("tier"), "the opus route's tier option");
        assertEquals("standard", sonnet.getString("tier"), "the upstream's own tier setting");
        assertEquals("auto", opus.getString("model"));
        assertTrue(main.requests().isEmpty() && cheap.requests().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aModelNoRouteMatchesTriesEveryUpstreamInConfiguredOrder(boolean stream) {
        main.enqueue(UpstreamStub.json(503, "{\"error\":{\"message\":\"main is down\"}}"));
        cheap.enqueue(UpstreamStub.json(500, "{\"error\":{\"message\":\"cheap failed\"}}"));
        joy.enqueue(Messages.answer("joy answers", stream));

        TestBridge.Response response = routed.post("/v1/messages",
                Messages.request("claude-3-7-sonnet-latest", stream));

        assertEquals("joy answers", Messages.text(response));
        assertEquals("claude-3-7-sonnet-latest", main.lastRequest().json().getString("model"),
                "no mapping and no default model: the client's model");
        assertEquals("cheap-default", cheap.lastRequest().json().getString("model"), "the upstream's default model");
        assertEquals("auto", joy.lastRequest().json().getString("model"));
        assertEquals("standard", joy.lastRequest().json().getString("tier"),
                "no route, so no route options: the upstream's own tier");
        String line = log.lineOf(response.header("request-id"));
        assertTrue(line.contains(" failed_over=main:503,cheap:500"), line);
    }

    @Test
    void theModelMapWinsOverAnUpstreamsDefaultModelWhichWinsOverTheGlobalDefault() {
        try (TestBridge seeded = TestBridge.start(Map.of(
                "UPSTREAM_BASE_URL", main.baseUrl(),
                "UPSTREAM_API_KEY", "main-key",
                "JOY_TOKEN_API_KEY", "joy-key-for-tests",
                "JOY_TOKEN_OPENAI_BASE_URL", joy.baseUrl(),
                "MODEL_MAP_JSON", "{\"claude-*haiku*\":\"mapped-small\"}",
                "DEFAULT_UPSTREAM_MODEL", "global-default"))) {
            for (String model : List.of("claude-haiku-4-5", "claude-sonnet-4-5")) {
                main.enqueue(UpstreamStub.json(503, "{\"error\":{\"message\":\"down\"}}"));
                joy.enqueue(Messages.answer("ok", false));
                assertEquals(200, seeded.post("/v1/messages", Messages.request(model, false)).status());
            }

            assertEquals(List.of("mapped-small", "global-default"), models(main));
            assertEquals(List.of("mapped-small", "auto"), models(joy));
        }
    }

    @Test
    void aForcedModelGoesToEveryUpstreamWhateverTheMapAndDefaultsSay() {
        try (TestBridge forced = TestBridge.start(Map.of(
                "UPSTREAM_BASE_URL", main.baseUrl(),
                "JOY_TOKEN_API_KEY", "joy-key-for-tests",
                "JOY_TOKEN_OPENAI_BASE_URL", joy.baseUrl(),
                "MODEL_MAP_JSON", "{\"claude-*haiku*\":\"mapped-small\"}",
                "DEFAULT_UPSTREAM_MODEL", "only-model",
                "FORCE_UPSTREAM_MODEL", "true"))) {
            for (String model : List.of("claude-haiku-4-5", "claude-opus-4-6")) {
                main.enqueue(UpstreamStub.json(503, "{\"error\":{\"message\":\"down\"}}"));
                joy.enqueue(Messages.answer("ok", false));
                assertEquals(200, forced.post("/v1/messages", Messages.request(model, false)).status());
            }

            assertEquals(List.of("only-model", "only-model"), models(main));
            assertEquals(List.of("only-model", "only-model"), models(joy));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aCatalogIdGoesToExactlyThatUpstreamAndModel(boolean stream) {
        cheap.enqueue(Messages.answer("special", stream));
        main.enqueue(Messages.answer("slashed", stream));

        TestBridge.Response special = routed.post("/v1/messages",
                Messages.request("claude-via-cheap/special-model", stream));
        TestBridge.Response slashed = routed.post("/v1/messages",
                Messages.request("claude-via-main/org/model-x", stream));

        assertEquals("special", Messages.text(special));
        assertEquals("special-model", cheap.lastRequest().json().getString("model"));
        assertEquals("slashed", Messages.text(slashed));
        assertEquals("org/model-x", main.lastRequest().json().getString("model"));
        assertTrue(joy.requests().isEmpty());
    }

    @Test
    void aCatalogIdDoesNotFallBackToAnotherUpstream() {
        cheap.enqueue(UpstreamStub.json(503, "{\"error\":{\"message\":\"cheap is down\"}}"));

        TestBridge.Response response = routed.post("/v1/messages", Messages.request("claude-via-cheap/special-model",
                false));

        assertEquals(503, response.status(), response.body());
        assertTrue(main.requests().isEmpty() && joy.requests().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-via-gone/some-model", "claude-via-cheap/", "claude-via-cheap"})
    void aCatalogIdOfNoConfiguredUpstreamIsNotFound(String model) {
        TestBridge.Response response = routed.post("/v1/messages", Messages.request(model, true));

        assertEquals(404, response.status(), response.body());
        JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
        assertEquals("not_found_error", error.getString("type"));
        assertTrue(error.getString("message").contains("[main, cheap, joy]"), error.toString());
        assertTrue(main.requests().isEmpty() && cheap.requests().isEmpty() && joy.requests().isEmpty());
    }

    @Test
    void modelsListSaysWhichUpstreamAndModelAnswerForEachClaudeModel() {
        JsonObject haiku = Json.parseObject(routed.get("/v1/models/claude-haiku-4-5").body());
        JsonObject opus = Json.parseObject(routed.get("/v1/models/claude-opus-4-6").body());

        assertEquals("claude-haiku-4-5 (cheap: gpt-4o-mini)", haiku.getString("display_name"));
        assertEquals("claude-opus-4-6 (joy: auto)", opus.getString("display_name"));
    }

    private static List<String> models(UpstreamStub stub) {
        return stub.requests().stream().map(request -> request.json().getString("model")).toList();
    }
}
