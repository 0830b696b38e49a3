package dev.ccbridge.server.http;

import dev.ccbridge.server.scripted.Reply;
import dev.ccbridge.server.scripted.Script;
import dev.ccbridge.server.scripted.ScriptedUpstream;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.RunningBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health endpoints of the bridge as {@code ccbridge} starts it: {@code /observe/health/live} is up while the
 * process serves; {@code /observe/health/ready} follows the background probe of the upstreams (an upstream that goes
 * down takes readiness with it, and back); {@code GET /health} stays 200 and says which; none of them calls an
 * upstream.
 */
class HealthEndpointsTest {

    private static final Script SCRIPT = new Script("health", List.of(), Reply.text("ok"));
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void readinessFollowsAnUpstreamThatGoesDownAndComesBack() throws Exception {
        ScriptedUpstream upstream = ScriptedUpstream.start(SCRIPT, 0);
        int port = upstream.port();
        try (RunningBridge bridge = RunningBridge.start(Map.of("UPSTREAM_BASE_URL", upstream.baseUrl(),
                "UPSTREAM_API_KEY", "health-test-key-123456", "bridge.probe-interval", "PT0.2S"))) {
            assertEquals(200, bridge.get("/observe/health/ready").statusCode(), "ready after the startup probe");
            assertEquals(200, bridge.get("/observe/health/live").statusCode());
            JsonObject health = Json.parseObject(bridge.get("/health").body());
            assertTrue(health.getBoolean("ready"), health.toString());
            assertEquals("ccbridge", health.getString("service"));
            JsonObject probed = health.getJsonArray("upstreams").getJsonObject(0);
            assertTrue(probed.getBoolean("reachable"), probed.toString());
            assertEquals("accepted", probed.getString("key"));
            assertEquals(1, probed.getInt("models"));

            upstream.close();
            HttpResponse<String> down = await(bridge, "/observe/health/ready", r -> r.statusCode() == 503);
            JsonObject check = Json.parseObject(down.body()).getJsonArray("checks").getJsonObject(0);
            assertEquals("upstreams", check.getString("name"));
            assertEquals("no upstream is usable", check.getJsonObject("data").getString("reason"));
            assertTrue(check.getJsonObject("data").getString("upstream").startsWith("UNREACHABLE: connection refused"),
                    check.toString());
            assertEquals(200, bridge.get("/observe/health/live").statusCode(), "alive while an upstream is down");
            HttpResponse<String> stillServing = bridge.get("/health");
            assertEquals(200, stillServing.statusCode());
            JsonObject degraded = Json.parseObject(stillServing.body());
            assertFalse(degraded.getBoolean("ready"));
            assertFalse(degraded.getJsonArray("upstreams").getJsonObject(0).getBoolean("reachable"));

            upstream = ScriptedUpstream.start(SCRIPT, port);
            await(bridge, "/observe/health/ready", r -> r.statusCode() == 200);
            assertTrue(Json.parseObject(bridge.get("/health").body()).getBoolean("ready"));
        } finally {
            upstream.close();
        }
    }

    @Test
    void probesRunInTheBackgroundNotPerHealthRequest() throws InterruptedException {
        try (UpstreamStub stub = UpstreamStub.start()) {
            stub.otherwise(request -> UpstreamStub.json(200, "{\"data\":[{\"id\":\"m\"}]}"));
            try (RunningBridge bridge = RunningBridge.start(Map.of("UPSTREAM_BASE_URL", stub.baseUrl(),
                    "UPSTREAM_API_KEY", "health-test-key-123456", "bridge.probe-interval", "PT1H"))) {
                // At startup: the probe, and the catalog prefetch for GET /v1/models.
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (catalogRequests(stub) < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(2, catalogRequests(stub));
                for (int i = 0; i < 10; i++) {
                    assertEquals(200, bridge.get("/observe/health/ready").statusCode());
                    assertEquals(200, bridge.get("/health").statusCode());
                }
                Thread.sleep(200);
                assertEquals(2, catalogRequests(stub), "health requests must not call the upstream");
            }
        }
    }

    @Test
    void withoutAnUpstreamTheBridgeIsAliveButNotReady() {
        try (RunningBridge bridge = RunningBridge.start(Map.of())) {
            assertEquals(200, bridge.get("/observe/health/live").statusCode());
            HttpResponse<String> ready = bridge.get("/observe/health/ready");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("no upstream is configured"), ready.body());
            JsonObject health = Json.parseObject(bridge.get("/health").body());
            assertEquals("ok", health.getString("status"));
            assertFalse(health.getBoolean("ready"));
            assertEquals("no upstream is configured", health.getString("not_ready_because"));
        }
    }

    private static long catalogRequests(UpstreamStub stub) {
        return stub.requests().stream().filter(r -> r.path().endsWith("/models")).count();
    }

    private static HttpResponse<String> await(RunningBridge bridge, String path,
                                              Predicate<HttpResponse<String>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> response = bridge.get(path);
        while (!condition.test(response)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + response.statusCode() + " " + response.body() + " after " + WAIT);
            }
            Thread.sleep(50);
            response = bridge.get(path);
        }
        return response;
    }
}
