package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.AdapterContext;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.ChatRequestSchema;
import dev.ccbridge.api.FailureKind;
import dev.ccbridge.api.JsonText;
import dev.ccbridge.api.OpenAiWire;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.api.UpstreamRejection;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoyTokenAdapterTest {

    private static final String KEY = "jt_test_0000000000";

    private static UpstreamAdapter adapter(Map<String, String> settings) {
        return new JoyTokenFactory().create(new AdapterSettings("joytoken", settings),
                new AdapterContext("joytoken", Clock.systemUTC(), System.getLogger("test")));
    }

    private static OutboundRequest request(UpstreamAdapter adapter, String model, Map<String, String> routeOptions) {
        return new OutboundRequest(adapter.chatCompletionsUri(model),
                OpenAiWire.typicalRequest(model, adapter.capabilities(model)), "req_7f3a9c2e", null, routeOptions);
    }

    @Test
    void theSeedDefaultsPointAtJoyTokensChatCompletions() {
        UpstreamAdapter joy = adapter(Map.of("api-key", KEY));
        assertEquals(URI.create("https://api-dev.joytokens.ai/openai/v1/chat/completions"),
                joy.chatCompletionsUri("auto"));
        assertEquals(URI.create("https://api-dev.joytokens.ai/api/v1/models"), joy.modelCatalog().orElseThrow().uri());
    }

    @Test
    void aConfiguredBaseUrlIsUsed() {
        UpstreamAdapter joy = adapter(Map.of("api-key", KEY, "base-url", "https://api.joytokens.ai/openai/v1/"));
        assertEquals(URI.create("https://api.joytokens.ai/openai/v1/chat/completions"),
                joy.chatCompletionsUri("auto"));
        assertEquals(URI.create("https://api.joytokens.ai/api/v1/models"), joy.modelCatalog().orElseThrow().uri());
    }

    @Test
    void requestsCarryTheKeyAsBearerAndTheRequestId() {
        UpstreamAdapter joy = adapter(Map.of("api-key", KEY));
        OutboundRequest request = request(joy, "auto", Map.of());
        joy.prepare(request);
        assertEquals("Bearer " + KEY, request.headers().get("Authorization"));
        assertEquals("req_7f3a9c2e", request.headers().get("X-Request-ID"));
        ChatRequestSchema.check(request.body());
    }

    @Test
    void tierComesFromSettingsAndARouteOptionWins() {
        UpstreamAdapter joy = adapter(Map.of("api-key", KEY, "tier", "standard"));
        OutboundRequest fromSettings = request(joy, "auto", Map.of());
        joy.prepare(fromSettings);
        assertEquals("standard", fromSettings.body().getString("tier"));
        OutboundRequest fromRoute = request(joy, "auto", Map.of("tier", "premium"));
        joy.prepare(fromRoute);
        assertEquals("premium", fromRoute.body().getString("tier"));
        ChatRequestSchema.check(fromRoute.body());
    }

    @Test
    void noTierMeansNoTierField() {
        UpstreamAdapter joy = adapter(Map.of("api-key", KEY));
        OutboundRequest request = request(joy, "auto", Map.of());
        joy.prepare(request);
        assertFalse(request.body().containsKey("tier"));
    }

    @Test
    void theAllowlistRefusesOtherModelsBeforeAnythingIsSent() {
        UpstreamAdapter joy = adapter(Map.of("api-key", KEY,
                "allowed-models", "openai/gpt-4o-mini, deepseek/deepseek-chat,,auto"));
        OutboundRequest request = request(joy, "anthropic/claude-opus-4", Map.of("tier", "premium"));
        JsonObject before = request.body();
        UpstreamRejection rejection = assertThrows(UpstreamRejection.class, () -> joy.prepare(request));
        assertEquals(FailureKind.NOT_FOUND, rejection.failure().kind());
        String message = rejection.failure().message();
        assertTrue(message.contains("'anthropic/claude-opus-4'"), message);
        assertTrue(message.contains("openai/gpt-4o-mini, deepseek/deepseek-chat, auto"), message);
        assertTrue(message.contains("allowed-models") && message.contains("'joytoken'"), message);
        assertTrue(request.headers().isEmpty(), "nothing prepared to send: " + request.headers());
        assertSame(before, request.body());
    }

    @Test
    void allowedModelsPass() {
        UpstreamAdapter joy = adapter(Map.of("api-key", KEY, "allowed-models", "openai/gpt-4o-mini,auto"));
        for (String model : new String[] {"auto", "openai/gpt-4o-mini"}) {
            OutboundRequest request = request(joy, model, Map.of());
            joy.prepare(request);
            assertEquals(model, request.body().getString("model"));
        }
    }

    @Test
    void describeShowsWhereItPointsAndNoSecret() {
        String description = adapter(Map.of("api-key", KEY, "tier", "standard",
                "allowed-models", "auto,openai/gpt-4o-mini")).describe();
        assertEquals("https://api-dev.joytokens.ai/openai/v1/chat/completions (profile openai-compatible);"
                + " allowed models: auto, openai/gpt-4o-mini; tier: standard", description);
        assertFalse(description.contains(KEY));
    }

    @Test
    void withoutAKeyTheCallerKeyIsForwarded() {
        UpstreamAdapter joy = adapter(Map.of());
        OutboundRequest request = new OutboundRequest(joy.chatCompletionsUri("auto"),
                JsonText.object("{'model':'auto','messages':[{'role':'user','content':'hi'}]}"), "req_1",
                "jt_caller_1111", Map.of());
        joy.prepare(request);
        assertEquals("Bearer jt_caller_1111", request.headers().get("Authorization"));
        assertTrue(joy.describe().contains("forwarding the caller's key"), joy.describe());
    }

    @Test
    void everyExchangeGetsItsOwnGovernanceObserver() {
        UpstreamAdapter joy = adapter(Map.of("api-key", KEY));
        assertTrue(joy.observe() instanceof JoyTokenGovernance);
        assertNotSame(joy.observe(), joy.observe());
        assertNull(joy.observe().clientHeaders().get("x-joytoken-used-model"));
    }
}
