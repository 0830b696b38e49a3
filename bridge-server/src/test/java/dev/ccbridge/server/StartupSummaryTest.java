package dev.ccbridge.server;

import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.RunningBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The startup summary of a bridge started as {@code ccbridge} starts it: each upstream with its key masked and what
 * probing it found, with the setting to check when something is wrong, and the exact lines to paste into Claude
 * Code's environment, as shell exports and as a settings.json snippet.
 */
class StartupSummaryTest {

    private static final String KEY = "summary-upstream-key-987654";
    private static final String GATEWAY = "summary-gateway-key-abcdef";

    private final UpstreamStub stub = UpstreamStub.start();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void eachUpstreamIsPrintedWithItsProbeAndItsKeyMasked() {
        stub.otherwise(request -> UpstreamStub.json(200,
                "{\"data\":[{\"id\":\"gpt-test\",\"context_window\":128000},{\"id\":\"gpt-other\"}]}"));

        String summary = summary(Map.of("DEFAULT_UPSTREAM_MODEL", "gpt-test"));

        assertTrue(summary.contains("upstream upstream: generic-openai -> " + stub.baseUrl() + "/chat/completions"
                + " (profile openai-compatible) (api-key ****7654)\n"), summary);
        assertTrue(summary.contains("key accepted, 2 models, default model 'gpt-test' listed\n"), summary);
        assertTrue(summary.contains("  health: GET /health, /observe/health/live, /observe/health/ready\n"), summary);
        assertFalse(summary.contains(KEY), summary);
    }

    @Test
    void theLinesToPasteCarryTheRecommendedSettingsAndTheModelsContextWindow() {
        stub.otherwise(request -> UpstreamStub.json(200,
                "{\"data\":[{\"id\":\"gpt-test\",\"context_window\":128000}]}"));

        try (RunningBridge bridge = RunningBridge.start(settings(Map.of("DEFAULT_UPSTREAM_MODEL", "gpt-test")))) {
            String summary = bridge.summary();
            String base = "http://127.0.0.1:" + bridge.port();
            assertTrue(summary.contains("""
                      export ANTHROPIC_BASE_URL=%s
                      export ANTHROPIC_AUTH_TOKEN=ccbridge
                      export ANTHROPIC_API_KEY=""
                      export CLAUDE_CODE_ATTRIBUTION_HEADER=0
                      export CLAUDE_CODE_MAX_CONTEXT_TOKENS=128000
                    """.formatted(base)), summary);
            String json = summary.substring(summary.indexOf("\n  {") + 1, summary.indexOf("\n  }\n") + 4);
            JsonObject env = Json.parseObject(json).getJsonObject("env");
            assertEquals(base, env.getString("ANTHROPIC_BASE_URL"));
            assertEquals("", env.getString("ANTHROPIC_API_KEY"));
            assertEquals("128000", env.getString("CLAUDE_CODE_MAX_CONTEXT_TOKENS"));
        }
    }

    @Test
    void aRejectedKeyNamesTheSettingToCheck() {
        stub.otherwise(request -> UpstreamStub.json(401, "{\"error\":{\"message\":\"invalid api key\"}}"));

        String summary = summary(Map.of());

        assertTrue(summary.contains("KEY REJECTED: the catalog answered 401: invalid api key; check UPSTREAM_API_KEY"),
                summary);
    }

    @Test
    void anUnreachableUpstreamNamesTheSettingToCheck() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        String summary = summary(Map.of("UPSTREAM_BASE_URL", "http://127.0.0.1:" + port + "/v1"));

        assertTrue(summary.contains("UNREACHABLE: connection refused by 127.0.0.1:" + port + " (http://127.0.0.1:"
                + port + "/v1/models); check UPSTREAM_BASE_URL and the network"), summary);
    }

    @Test
    void aGatewayKeyIsNeverPrintedEvenInTheLinesToPaste() {
        stub.otherwise(request -> UpstreamStub.json(200, "{\"data\":[]}"));

        String summary = summary(Map.of("GATEWAY_API_KEY", GATEWAY));

        assertFalse(summary.contains(GATEWAY), summary);
        assertTrue(summary.contains("caller key: required (GATEWAY_API_KEY ****cdef)"), summary);
        assertTrue(summary.contains("export ANTHROPIC_AUTH_TOKEN=\"<the bridge's GATEWAY_API_KEY>\"\n"), summary);
    }

    @Test
    void anUpstreamThatForwardsTheCallersKeyAsksForThatKey() {
        stub.otherwise(request -> UpstreamStub.json(401, "{\"error\":{\"message\":\"no key\"}}"));
        Map<String, String> settings = new HashMap<>();
        settings.put("UPSTREAM_BASE_URL", stub.baseUrl());

        try (RunningBridge bridge = RunningBridge.start(settings)) {
            assertTrue(bridge.summary().contains("no key of its own: forwards the caller's"), bridge.summary());
            assertTrue(bridge.summary().contains("export ANTHROPIC_AUTH_TOKEN=\"<your upstream API key>\"\n"),
                    bridge.summary());
        }
    }

    @Test
    void aSilentUpstreamDelaysStartupByAtMostTheProbeTimeout() {
        stub.otherwise(request -> UpstreamStub.silent(Duration.ofSeconds(20)));

        long started = System.nanoTime();
        String summary = summary(Map.of());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(tookMillis < 6000, "startup took " + tookMillis + " ms");
        assertTrue(summary.contains("UNREACHABLE: no answer within 2 s"), summary);
    }

    @Test
    void aPortInUseStopsStartupSayingWhatToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> settings = settings(Map.of("PORT", Integer.toString(taken.getLocalPort())));

            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> RunningBridge.start(settings));

            assertTrue(error.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": another program uses the port"), error.getMessage());
            assertTrue(error.getMessage().contains("--port (PORT)"), error.getMessage());
        }
    }

    private String summary(Map<String, String> extra) {
        try (RunningBridge bridge = RunningBridge.start(settings(extra))) {
            return bridge.summary();
        }
    }

    private Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("UPSTREAM_BASE_URL", stub.baseUrl());
        settings.put("UPSTREAM_API_KEY", KEY);
        settings.putAll(extra);
        return settings;
    }
}
