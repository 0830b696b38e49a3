package dev.ccbridge.server.observe;

import dev.ccbridge.server.testing.BridgeConfig;
import dev.ccbridge.server.testing.LogCapture;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;
import dev.ccbridge.server.testing.WrittenLines;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The sentinel test for everything the bridge writes about exchanges: the console line, every other bridge
 * logger, the JSON-lines log, the usage files and the payload log. Every key is a sentinel: the upstream's own
 * key, the gateway key (in {@code x-api-key}) and the caller's key (in {@code Authorization}, forwarded to an
 * upstream that has no key of its own); upstreams quote them in error bodies, in-band errors and answer text.
 * None may appear anywhere; the caller's key fingerprint must.
 */
class KeysNeverLoggedTest {

    private static final String UPSTREAM_KEY = "fake-SENTINEL-upstream-logs-0001";
    private static final String GATEWAY_KEY = "fake-SENTINEL-gateway-logs-0002";
    private static final String CALLER_KEY = "fake-SENTINEL-caller-logs-0003";
    private static final List<String> SENTINELS = List.of(UPSTREAM_KEY, GATEWAY_KEY, CALLER_KEY);
    private static final String MODEL = "claude-sonnet-4-5";

    @TempDir
    Path dir;

    @Test
    void noKeyReachesAnyLogOrUsageFileAndTheCallersFingerprintDoes() {
        Path exchangeLog = dir.resolve("exchanges.jsonl");
        Path usage = dir.resolve("usage");
        try (UpstreamStub keyed = UpstreamStub.start(); UpstreamStub forwarding = UpstreamStub.start();
             TestBridge bridge = TestBridge.start(new BridgeConfig()
                     .upstream("keyed", keyed, "settings.api-key", UPSTREAM_KEY)
                     .set("bridge.upstreams.1.name", "forwarding")
                     .set("bridge.upstreams.1.settings.base-url", forwarding.baseUrl())
                     .set("GATEWAY_API_KEY", GATEWAY_KEY)
                     .set("BRIDGE_EXCHANGE_LOG", exchangeLog.toString())
                     .set("BRIDGE_USAGE_DIR", usage.toString())
                     .set("BRIDGE_RECORD_DIR", dir.resolve("recordings").toString())
                     .values());
             LogCapture everything = LogCapture.everything();
             LogCapture exchanges = LogCapture.exchanges();
             LogCapture payloads = LogCapture.payloads()) {
            Map<String, String> headers = Map.of("x-api-key", GATEWAY_KEY, "authorization", "Bearer " + CALLER_KEY,
                    "x-claude-code-session-id", "session-sentinel");

            keyed.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("your key is " + UPSTREAM_KEY).finish("stop")
                    .usage(3, 3).done()));
            TestBridge.Response echoed = bridge.post("/v1/messages", Messages.request(MODEL, true), headers);
            assertEquals(200, echoed.status(), echoed.body());

            keyed.enqueue(UpstreamStub.json(503, "{\"error\":{\"message\":\"key " + UPSTREAM_KEY
                    + " is overloaded\"}}"));
            forwarding.enqueue(UpstreamStub.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                    + CALLER_KEY + " (also saw " + GATEWAY_KEY + ")\",\"type\":\"invalid_request_error\"}}"));
            TestBridge.Response rejected = bridge.post("/v1/messages", Messages.request(MODEL, false), headers);
            assertEquals(401, rejected.status(), rejected.body());
            assertNoSentinel("the client's error", rejected.body());
            assertEquals("Bearer " + CALLER_KEY, forwarding.lastRequest().headers().get("authorization"));

            keyed.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("partial").withoutDone() + OpenAiSse.continued()
                    .error("server_error", "upstream key " + UPSTREAM_KEY + " failed").withoutDone()));
            TestBridge.Response streamError = bridge.post("/v1/messages", Messages.request(MODEL, true), headers);
            assertEquals(200, streamError.status(), streamError.body());

            keyed.enqueue(UpstreamStub.json(200, Messages.completion("the caller sent " + CALLER_KEY)));
            TestBridge.Response echoedSync = bridge.post("/v1/messages", Messages.request(MODEL, false), headers);
            assertEquals(200, echoedSync.status(), echoedSync.body());

            TestBridge.Response denied = bridge.post("/v1/messages", Messages.request(MODEL, true),
                    Map.of("x-api-key", CALLER_KEY));
            assertEquals(403, denied.status(), denied.body());

            String fingerprint = KeyFingerprint.of(CALLER_KEY);
            for (TestBridge.Response response : List.of(echoed, rejected, streamError, echoedSync, denied)) {
                String requestId = response.header("request-id");
                String line = exchanges.lineOf(requestId);
                assertTrue(line.contains(" key=" + fingerprint + " "), line);
                JsonObject json = WrittenLines.await(exchangeLog, requestId);
                assertEquals(fingerprint, json.getString("key_fingerprint"));
            }
            assertEquals(4, WrittenLines.read(usage.resolve("2026-01-01." + bridge.bridge().settings().logs()
                    .replica() + ".jsonl")).size(), "every exchange that reached an upstream, not the refused one");

            String payloadText = String.join("\n", payloads.lines());
            assertTrue(payloadText.contains("upstream response 2 401"), payloadText);
            assertTrue(payloadText.contains("****0003"), "the caller's key is masked where it was: " + payloadText);
            assertNoSentinel("the bridge's loggers", String.join("\n", everything.lines()));
            assertNoSentinel("the payload log", payloadText);
            assertNoSentinel("the JSON-lines log", WrittenLines.allText(exchangeLog));
            assertNoSentinel("the usage files", WrittenLines.allText(usage));
            assertNoSentinel("the recordings", WrittenLines.allText(dir.resolve("recordings")));
            keyed.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
            forwarding.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        }
    }

    private static void assertNoSentinel(String where, String text) {
        for (String sentinel : SENTINELS) {
            if (text.contains(sentinel)) {
                fail(where + " hold the key " + sentinel + ":\n" + text);
            }
        }
    }
}
