package dev.ccbridge.replay.play;

import dev.ccbridge.replay.fixture.FixtureReader;
import dev.ccbridge.replay.fixture.SessionFixture;
import dev.ccbridge.replay.testing.Recordings;
import dev.ccbridge.server.RandomIds;
import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.config.ModelMapping;
import dev.ccbridge.server.config.UpstreamSpec;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A bridge built from a recording's {@code session.json} has the settings of the bridge that recorded it, except
 * where the replay must differ: every upstream at the replay upstream's address, and stand-ins for the keys.
 */
class ReplaySettingsTest {

    @TempDir
    Path recordings;

    @Test
    void theReplayBridgeHasTheRecordingBridgesSettings() {
        BridgeSettings original;
        try (UpstreamStub upstream = UpstreamStub.start()) {
            upstream.otherwise(request -> UpstreamStub.json(200, "{\"id\":\"c\",\"object\":\"chat.completion\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                    + "\"finish_reason\":\"stop\"}]}"));
            Map<String, String> settings = new HashMap<>();
            settings.put("bridge.upstreams.0.name", "keyed");
            settings.put("bridge.upstreams.0.adapter", "generic-openai");
            settings.put("bridge.upstreams.0.default-model", "gpt-keyed");
            settings.put("bridge.upstreams.0.settings.base-url", upstream.baseUrl());
            settings.put("bridge.upstreams.0.settings.api-key", "settings-test-secret-key");
            settings.put("bridge.upstreams.0.settings.profile", "openai");
            settings.put("bridge.upstreams.1.name", "joy");
            settings.put("bridge.upstreams.1.adapter", "joytoken");
            settings.put("bridge.upstreams.1.settings.base-url", "http://127.0.0.1:9/openai/v1?team=blue");
            settings.put("bridge.routes.0.match.0", "claude-*haiku*");
            settings.put("bridge.routes.0.match.1", "claude-3-*");
            settings.put("bridge.routes.0.upstreams.0.name", "keyed");
            settings.put("bridge.routes.0.upstreams.0.model", "gpt-small");
            settings.put("bridge.routes.0.upstreams.1.name", "joy");
            settings.put("bridge.routes.0.options.tier", "economy");
            settings.put("bridge.routes.0.retries", "1");
            settings.put("bridge.models.map.0.match", "claude-opus-4-1");
            settings.put("bridge.models.map.0.model", "gpt-large");
            settings.put("bridge.models.map.1.match", "claude-sonnet-*");
            settings.put("bridge.models.map.1.model", "gpt-medium");
            settings.put("bridge.models.default", "gpt-default");
            settings.put("bridge.prefix", "/gateway/anthropic");
            settings.put("bridge.default-max-tokens", "4096");
            settings.put("BRIDGE_RECORD_DIR", recordings.toString());
            try (TestBridge bridge = TestBridge.start(settings, new RandomIds())) {
                original = bridge.bridge().settings();
                bridge.post("/v1/messages", "{\"model\":\"claude-opus-4-1\",\"max_tokens\":10,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            }
        }
        Recordings.awaitExchanges(recordings.resolve("default"), 1);
        SessionFixture session = FixtureReader.session(recordings.resolve("default"));
        assertFalse(session.header().toString().contains("settings-test-secret-key"), session.header().toString());

        BridgeSettings replayed;
        try (TestBridge bridge = TestBridge.start(ReplaySettings.of(session, "http://127.0.0.1:4321"))) {
            replayed = bridge.bridge().settings();
        }

        assertEquals(original.routes(), replayed.routes());
        assertEquals(models(original.models()), models(replayed.models()));
        assertEquals(original.prefix(), replayed.prefix());
        assertEquals(4096, replayed.defaultMaxTokens());
        assertEquals(List.of("keyed", "joy"), replayed.upstreams().stream().map(UpstreamSpec::name).toList());
        UpstreamSpec keyed = replayed.upstreams().get(0);
        assertEquals("generic-openai", keyed.adapterId());
        assertEquals("gpt-keyed", keyed.defaultModel());
        assertEquals(Map.of("base-url", "http://127.0.0.1:4321/v1", "api-key", ReplaySettings.STAND_IN_KEY,
                "profile", "openai"), keyed.settings());
        UpstreamSpec joy = replayed.upstreams().get(1);
        assertEquals("joytoken", joy.adapterId());
        assertEquals(original.upstreams().get(1).defaultModel(), joy.defaultModel());
        assertEquals("http://127.0.0.1:4321/openai/v1?team=blue", joy.settings().get("base-url"));
    }

    private static Map<String, Object> models(ModelMapping models) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exact", models.exact());
        out.put("globs", models.globs().stream().map(glob -> glob.pattern() + " -> " + glob.model()).toList());
        out.put("default", models.defaultModel());
        out.put("force", models.force());
        return out;
    }
}
