package dev.ccbridge.server.http;

import dev.ccbridge.server.observe.KeyFingerprint;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;
import dev.ccbridge.server.testing.WrittenLines;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/usage}: the same sums as {@code ccbridge usage --json}, at the root and under the prefix; with a
 * gateway key only its holders get in and they see every key; without one each caller sees its own key only.
 */
class UsageEndpointTest {

    private static final String ALICE = "alice-fake-key-0001";
    private static final String BOB = "bob-fake-key-0002";
    private static final String GATEWAY = "gateway-fake-key-0003";

    @TempDir
    Path dir;

    @Test
    void withAGatewayKeyItsHoldersSeeEveryKeysUsage() {
        try (UpstreamStub upstream = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(upstream, Map.of("GATEWAY_API_KEY", GATEWAY,
                     "BRIDGE_USAGE_DIR", dir.toString(), "BRIDGE_REPLICA", "r"))) {
            // Each caller sends the gateway key and, in Authorization, a key of its own that names it.
            answer(bridge, upstream, Map.of("x-api-key", GATEWAY, "authorization", "Bearer " + ALICE), 100, 10);
            answer(bridge, upstream, Map.of("x-api-key", GATEWAY, "authorization", "Bearer " + ALICE), 200, 20);
            answer(bridge, upstream, Map.of("x-api-key", GATEWAY, "authorization", "Bearer " + BOB), 400, 40);

            TestBridge.Response anonymous = get(bridge, "/v1/usage", Map.of());
            TestBridge.Response wrongKey = get(bridge, "/v1/usage", Map.of("x-api-key", ALICE));
            TestBridge.Response byKey = get(bridge, "/v1/usage?by=key", Map.of("x-api-key", GATEWAY));
            TestBridge.Response prefixed = get(bridge, "/anthropic/v1/usage?by=key&key=" + KeyFingerprint.of(BOB),
                    Map.of("authorization", "Bearer " + GATEWAY));

            assertEquals(403, anonymous.status(), anonymous.body());
            assertEquals(403, wrongKey.status(), wrongKey.body());
            assertEquals("permission_error", Json.parseObject(wrongKey.body()).getJsonObject("error")
                    .getString("type"));
            assertEquals(200, byKey.status(), byKey.body());
            assertEquals("application/json", byKey.header("content-type"));
            JsonObject all = Json.parseObject(byKey.body());
            assertEquals(List.of(KeyFingerprint.of(ALICE), KeyFingerprint.of(BOB)), all.getJsonArray("rows")
                    .getValuesAs(JsonObject.class).stream().map(row -> row.getString("key")).sorted().toList());
            assertEquals(700, all.getJsonObject("total").getInt("input_tokens"));
            assertEquals(70, all.getJsonObject("total").getInt("output_tokens"));
            assertEquals(3, all.getJsonObject("total").getInt("requests"));
            JsonObject bob = Json.parseObject(prefixed.body());
            assertEquals(200, prefixed.status(), prefixed.body());
            assertEquals(400, bob.getJsonObject("total").getInt("input_tokens"));
            assertEquals(KeyFingerprint.of(BOB), bob.getString("key"));
            upstream.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        }
    }

    @Test
    void withoutAGatewayKeyEachCallerSeesOnlyItsOwnKey() {
        try (UpstreamStub upstream = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(upstream, Map.of("BRIDGE_USAGE_DIR", dir.toString(),
                     "BRIDGE_REPLICA", "r"))) {
            answer(bridge, upstream, Map.of("authorization", "Bearer " + ALICE), 100, 10);
            answer(bridge, upstream, Map.of("x-api-key", BOB), 400, 40);
            answer(bridge, upstream, Map.of(), 800, 80);

            TestBridge.Response anonymous = get(bridge, "/v1/usage", Map.of());
            TestBridge.Response alice = get(bridge, "/v1/usage?by=day,key", Map.of("x-api-key", ALICE));
            TestBridge.Response alicePeeking = get(bridge, "/v1/usage?key=" + KeyFingerprint.of(BOB),
                    Map.of("authorization", "Bearer " + ALICE));

            assertEquals(401, anonymous.status(), anonymous.body());
            assertTrue(Json.parseObject(anonymous.body()).getJsonObject("error").getString("message")
                    .contains("send your key"), anonymous.body());
            assertEquals(200, alice.status(), alice.body());
            JsonObject own = Json.parseObject(alice.body());
            assertEquals(KeyFingerprint.of(ALICE), own.getString("key"));
            assertEquals(1, own.getJsonArray("rows").size());
            assertEquals("2026-01-01", own.getJsonArray("rows").getJsonObject(0).getString("day"));
            assertEquals(100, own.getJsonObject("total").getInt("input_tokens"));
            assertEquals(10, own.getJsonObject("total").getInt("output_tokens"));
            assertEquals(403, alicePeeking.status(), alicePeeking.body());
            upstream.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        }
    }

    @Test
    void aBadParameterIsAnInvalidRequestNamingIt() {
        try (TestBridge bridge = TestBridge.start(Map.of("BRIDGE_USAGE_DIR", dir.toString()))) {
            TestBridge.Response badDay = get(bridge, "/v1/usage?since=last-week", Map.of("x-api-key", ALICE));
            TestBridge.Response badGroup = get(bridge, "/v1/usage?by=colour", Map.of("x-api-key", ALICE));

            for (TestBridge.Response response : List.of(badDay, badGroup)) {
                assertEquals(400, response.status(), response.body());
                assertEquals("invalid_request_error", Json.parseObject(response.body()).getJsonObject("error")
                        .getString("type"));
            }
            assertTrue(badDay.body().contains("since must be a day"), badDay.body());
            assertTrue(badGroup.body().contains("colour"), badGroup.body());
        }
    }

    @Test
    void whenUsageIsOffItSaysWhichSettingTurnsItOn() {
        try (TestBridge bridge = TestBridge.start(Map.of())) {
            TestBridge.Response response = get(bridge, "/v1/usage", Map.of("x-api-key", ALICE));

            assertEquals(404, response.status(), response.body());
            assertTrue(response.body().contains("BRIDGE_USAGE_DIR"), response.body());
        }
    }

    @Test
    void aUsagePathThatIsNoFolderIsAnApiErrorSayingSo() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("usage"), "a file where the folder should be");
        try (TestBridge bridge = TestBridge.start(Map.of("BRIDGE_USAGE_DIR", notAFolder.toString()))) {
            TestBridge.Response response = get(bridge, "/v1/usage", Map.of("x-api-key", ALICE));

            assertEquals(500, response.status(), response.body());
            JsonObject error = Json.parseObject(response.body()).getJsonObject("error");
            assertEquals("api_error", error.getString("type"));
            assertEquals("cannot read the usage records in " + notAFolder + ": it is not a folder",
                    error.getString("message"));
        }
    }

    /** Has the stub answer one request and waits until its usage record is written. */
    private void answer(TestBridge bridge, UpstreamStub upstream, Map<String, String> headers, int prompt,
                        int completion) {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("ok").finish("stop").usage(prompt, completion)
                .done()));
        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5", true),
                headers);
        assertEquals(200, response.status(), response.body());
        WrittenLines.await(dir.resolve("2026-01-01.r.jsonl"), response.header("request-id"));
    }

    private static TestBridge.Response get(TestBridge bridge, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bridge.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new TestBridge.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
