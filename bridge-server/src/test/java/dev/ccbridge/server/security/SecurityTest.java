package dev.ccbridge.server.security;

import dev.ccbridge.server.Main;
import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.testing.BridgeConfig;
import dev.ccbridge.server.testing.ErrorResponses;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.LogCapture;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.RawHttp;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import jakarta.json.JsonArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Who may reach the bridge, what it forwards, where it connects, what it limits, and that no secret ever leaves
 * it: sentinel keys set everywhere a key can be set, an upstream that echoes them in every error body and header,
 * and every byte of output searched for them.
 */
class SecurityTest {

    private static final String UPSTREAM_KEY = "sentinel-upstream-key-1111111111";
    private static final String GATEWAY_KEY = "sentinel-gateway-key-2222222222";
    private static final String JOY_TOKEN_KEY = "sentinel-joytoken-key-3333333333";
    private static final String HEADER_TOKEN = "sentinel-header-token-4444444444";
    private static final String CALLER_KEY = "sentinel-caller-key-5555555555";
    private static final Map<String, String> SENTINELS = Map.of("UPSTREAM_API_KEY", UPSTREAM_KEY,
            "GATEWAY_API_KEY", GATEWAY_KEY, "JOY_TOKEN_API_KEY", JOY_TOKEN_KEY, "headers.X-Token", HEADER_TOKEN,
            "the caller's key", CALLER_KEY);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // ---- where it listens ----------------------------------------------------------------------------------------

    @Test
    void listensOnLoopbackOnlyByDefaultWithoutWarning() throws Exception {
        assertEquals("127.0.0.1", BridgeSettings.from(config(Map.of())).host());
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        WebServer server;
        try (LogCapture log = LogCapture.of("ccbridge")) {
            server = quietly(summary, () -> Main.start(config(Map.of())));
            assertTrue(log.warnings().isEmpty(), log.warnings().toString());
            assertFalse(summary.toString(StandardCharsets.UTF_8).contains("WARNING"), summary.toString());
        }
        try {
            try (Socket loopback = new Socket("127.0.0.1", server.port())) {
                assertTrue(loopback.isConnected());
            }
            Optional<InetAddress> external = externalAddress();
            assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
            assertThrows(ConnectException.class, () -> {
                try (Socket outside = new Socket()) {
                    outside.connect(new InetSocketAddress(external.get(), server.port()), 2000);
                }
            }, "the bridge is reachable on " + external.get());
        } finally {
            server.stop();
        }
    }

    @Test
    void listeningBeyondLoopbackWithoutAGatewayKeyWarnsLoudly() {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        try (LogCapture log = LogCapture.of("ccbridge")) {
            quietly(summary, () -> Main.start(config(Map.of("HOST", "0.0.0.0")))).stop();

            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("0.0.0.0") && w.contains("GATEWAY_API_KEY")),
                    "no warning in " + log.lines());
            assertTrue(summary.toString(StandardCharsets.UTF_8).contains("WARNING: reachable from other machines"),
                    summary.toString(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream keyed = new ByteArrayOutputStream();
        try (LogCapture log = LogCapture.of("ccbridge")) {
            quietly(keyed, () -> Main.start(config(Map.of("HOST", "0.0.0.0", "GATEWAY_API_KEY", GATEWAY_KEY))))
                    .stop();

            assertTrue(log.warnings().isEmpty(), log.warnings().toString());
            assertFalse(keyed.toString(StandardCharsets.UTF_8).contains("WARNING"), keyed.toString());
        }
    }

    // ---- who may call --------------------------------------------------------------------------------------------

    /** {@code MessageDigest.isEqual} compares in time that depends on the gateway key's length only. */
    @Test
    void theGatewayKeyWorksInEitherHeaderAndAWrongKeyOfTheSameLengthDoesNot() {
        try (UpstreamStub stub = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(stub, Map.of("GATEWAY_API_KEY", GATEWAY_KEY))) {
            stub.otherwise(request -> Messages.answer("in", false));
            String wrong = GATEWAY_KEY.substring(0, GATEWAY_KEY.length() - 1) + "3";
            String body = Messages.request("claude-sonnet-4-5", false);

            assertEquals(200, bridge.post("/v1/messages", body, Map.of("authorization", "Bearer " + GATEWAY_KEY))
                    .status());
            assertEquals(200, bridge.post("/v1/messages", body, Map.of("x-api-key", GATEWAY_KEY)).status());
            ErrorResponses.assertError(bridge.post("/v1/messages", body, Map.of("x-api-key", wrong)), 403,
                    "permission_error");
            ErrorResponses.assertError(bridge.post("/v1/messages", body, Map.of("authorization", "Bearer " + wrong)),
                    403, "permission_error");
            ErrorResponses.assertError(bridge.post("/v1/messages", body), 403, "permission_error");
            assertEquals(2, stub.requests().size());
        }
    }

    // ---- what reaches the upstream ---------------------------------------------------------------------------

    @Test
    void onlyAllowlistedHeadersReachTheUpstream() {
        try (UpstreamStub stub = UpstreamStub.start(); TestBridge bridge = TestBridge.forStub(stub)) {
            stub.otherwise(request -> Messages.answer("ok", request.json().getBoolean("stream", false)));
            Map<String, String> hostile = new LinkedHashMap<>();
            hostile.put("cookie", "session=stolen-cookie");
            hostile.put("x-forwarded-for", "203.0.113.9");
            hostile.put("x-api-key", "caller-key-not-for-this-upstream");
            hostile.put("anthropic-beta", "interleaved-thinking-2025-05-14");
            hostile.put("x-upstream-url", "http://evil.example/v1");
            hostile.put("x-custom-trace", "trace-me");
            hostile.put("proxy-authorization", "Basic c3RvbGVu");

            for (boolean stream : new boolean[] {false, true}) {
                assertEquals(200, bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5", stream), hostile)
                        .status());
                Map<String, String> seen = stub.lastRequest().headers();
                for (String name : hostile.keySet()) {
                    assertFalse(seen.containsKey(name), name + " reached the upstream: " + seen);
                }
                assertFalse(seen.containsKey("anthropic-version"), seen.toString());
                assertEquals("127.0.0.1:" + stub.port(), seen.get("host"));
                assertEquals("Bearer test-upstream-key", seen.get("authorization"));
                assertFalse(seen.values().stream().anyMatch(v -> v.contains("stolen") || v.contains("evil")), seen
                        .toString());
            }
        }
    }

    @Test
    void aClientRequestIdIsEchoedOnlyWhenItIsASafeToken() {
        try (UpstreamStub stub = UpstreamStub.start(); TestBridge bridge = TestBridge.forStub(stub)) {
            stub.otherwise(request -> Messages.answer("ok", false));
            String body = Messages.request("claude-sonnet-4-5", false);

            assertEquals("trace-42.a:b", bridge.post("/v1/messages", body, Map.of("x-request-id", "trace-42.a:b"))
                    .header("request-id"));
            for (String unsafe : List.of("evil id", "a/b", "<script>", "x".repeat(129), "ok\u00e9")) {
                String id = bridge.post("/v1/messages", body, Map.of("x-request-id", unsafe)).header("request-id");
                assertTrue(id.matches("req_[A-Za-z0-9]+"), unsafe + " became " + id);
            }
        }
    }

    @Test
    void nothingInARequestChangesWhereTheBridgeConnects() {
        try (UpstreamStub stub = UpstreamStub.start();
             UpstreamStub elsewhere = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(stub)) {
            stub.otherwise(request -> Messages.answer("ok", request.json().getBoolean("stream", false)));
            elsewhere.otherwise(request -> Messages.answer("redirected", false));
            String there = elsewhere.baseUrl();
            List<String> models = List.of(there, there + "/chat/completions", "claude@127.0.0.1:" + elsewhere.port(),
                    "claude-via-upstream/" + there, "../../" + there, "claude?base_url=" + there);

            for (String model : models) {
                bridge.post("/v1/messages", "{\"model\":" + Json.quote(model) + ",\"max_tokens\":5,\"base_url\":"
                        + Json.quote(there) + ",\"api_base\":" + Json.quote(there) + ",\"metadata\":{\"base_url\":"
                        + Json.quote(there) + "},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        Map.of("x-upstream-url", there, "x-base-url", there,
                                "forwarded", "host=127.0.0.1:" + elsewhere.port()));
                assertEquals("/v1/chat/completions", stub.lastRequest().path(), model);
            }
            TestBridge.Response hostHeader = RawHttp.exchange(bridge.port(), RawHttp.post("POST /v1/messages "
                    + "HTTP/1.1\r\nHost: 127.0.0.1:" + elsewhere.port() + "\r\nContent-Type: application/json",
                    Messages.request("claude-sonnet-4-5", false).getBytes(StandardCharsets.UTF_8)));
            assertEquals(200, hostHeader.status(), hostHeader.body());
            ErrorResponses.assertError(bridge.post("/v1/messages", Messages.request("claude-via-" + there + "/m",
                    false)), 404, "not_found_error");
            assertTrue(elsewhere.requests().isEmpty(), "the bridge connected to " + elsewhere.requests());
            assertEquals(models.size() + 1, stub.requests().size());
        }
    }

    // ---- limits ----------------------------------------------------------------------------------------------

    @Test
    void streamsPerCallerKeyAreLimitedWhenConfigured() throws Exception {
        try (UpstreamStub stub = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(stub, Map.of("bridge.max-streams-per-key", "2"))) {
            stub.otherwise(request -> request.json().getBoolean("stream", false) ? slowStream()
                    : Messages.answer("whole", false));
            String stream = Messages.request("claude-sonnet-4-5", true);
            Map<String, String> busy = Map.of("x-api-key", "caller-busy-key");
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<TestBridge.Response>> open = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    open.add(clients.submit(() -> bridge.post("/v1/messages", stream, busy)));
                }
                awaitRequests(stub, 2);

                TestBridge.Response third = bridge.post("/v1/messages", stream, busy);
                String message = ErrorResponses.assertError(third, 429, "rate_limit_error").getString("message");
                assertTrue(message.contains("bridge.max-streams-per-key"), message);
                assertEquals("5", third.header("retry-after"));
                assertEquals(200, bridge.post("/v1/messages", stream, Map.of("x-api-key", "caller-other-key"))
                        .status());
                assertEquals(200, bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5", false), busy)
                        .status());

                for (Future<TestBridge.Response> response : open) {
                    assertEquals(200, response.get().status());
                }
            }
            assertEquals(200, bridge.post("/v1/messages", stream, busy).status());
        }
    }

    @Test
    void behindAGatewayKeyOtherKeysDoNotEarnAFreshStreamCount() throws Exception {
        try (UpstreamStub stub = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(stub, Map.of("bridge.max-streams-per-key", "1",
                     "bridge.gateway-api-key", "gateway-key-for-limits"))) {
            stub.otherwise(request -> slowStream());
            String stream = Messages.request("claude-sonnet-4-5", true);
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<TestBridge.Response> open = clients.submit(() -> bridge.post("/v1/messages", stream,
                        Map.of("authorization", "Bearer gateway-key-for-limits")));
                awaitRequests(stub, 1);

                for (String other : List.of("made-up-key-1", "made-up-key-2")) {
                    TestBridge.Response refused = bridge.post("/v1/messages", stream, Map.of(
                            "authorization", "Bearer gateway-key-for-limits", "x-api-key", other));
                    ErrorResponses.assertError(refused, 429, "rate_limit_error");
                }
                assertEquals(200, open.get().status());
            }
        }
    }

    @Test
    void aStreamLimitBelowZeroIsRefusedAtStartNamingTheSetting() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BridgeSettings.from(config(Map.of("bridge.max-streams-per-key", "-1"))));

        assertTrue(error.getMessage().contains("bridge.max-streams-per-key"), error.getMessage());
        assertEquals(0, BridgeSettings.from(config(Map.of())).maxStreamsPerKey());
    }

    @Test
    void streamsPerCallerKeyAreNotLimitedByDefault() throws Exception {
        try (UpstreamStub stub = UpstreamStub.start(); TestBridge bridge = TestBridge.forStub(stub)) {
            stub.otherwise(request -> slowStream());
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<TestBridge.Response>> open = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    open.add(clients.submit(() -> bridge.post("/v1/messages",
                            Messages.request("claude-sonnet-4-5", true), Map.of("x-api-key", "one-key"))));
                }
                for (Future<TestBridge.Response> response : open) {
                    assertEquals(200, response.get().status());
                }
            }
        }
    }

    // ---- secrets ---------------------------------------------------------------------------------------------

    /**
     * Sentinel values for every kind of key, an upstream that quotes whatever key it got in its error bodies and
     * headers, streamed and whole exchanges that succeed and fail in every way, and then a search of everything
     * that left the bridge: standard output and error (the startup summary included), every log record of every
     * logger (debug included), and every response body and header.
     */
    @Test
    void noSentinelSecretAppearsInAnyOutput(@TempDir Path recordings) throws Exception {
        Map<String, String> outputs = sentinelScenario(recordings);
        outputs.keySet().removeIf(where -> where.startsWith("recording"));

        assertNoSentinel(outputs);
    }

    @Test
    void noSentinelSecretAppearsInARecording(@TempDir Path recordings) throws Exception {
        Map<String, String> outputs = sentinelScenario(recordings);
        outputs.keySet().removeIf(where -> !where.startsWith("recording"));

        assertTrue(outputs.size() > 1, "nothing recorded");
        assertNoSentinel(outputs);
    }

    /**
     * Runs two bridges through {@link Main#start}: one configured by the seed variables (UPSTREAM_API_KEY, a
     * JoyToken key as its fallback, GATEWAY_API_KEY), one by upstream entries (an upstream that forwards the
     * caller's key, and one sending an {@code X-Token} header setting) that records its sessions. Callers present
     * the gateway key and a key of their own.
     *
     * @return every output by where it went
     */
    private Map<String, String> sentinelScenario(Path recordings) throws Exception {
        StringBuilder transcript = new StringBuilder();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        Logger bridgeLogs = Logger.getLogger("ccbridge");
        Level originalLevel = bridgeLogs.getLevel();
        bridgeLogs.setLevel(Level.ALL);
        try (UpstreamStub stub = UpstreamStub.start(); LogCapture everything = LogCapture.of("")) {
            stub.otherwise(SecurityTest::echoingUpstream);
            PrintStream captured = new PrintStream(console, true, StandardCharsets.UTF_8);
            System.setOut(captured);
            System.setErr(captured);
            WebServer seeded = Main.start(config(Map.of(
                    "UPSTREAM_BASE_URL", stub.baseUrl(), "UPSTREAM_API_KEY", UPSTREAM_KEY,
                    "JOY_TOKEN_API_KEY", JOY_TOKEN_KEY, "JOY_TOKEN_OPENAI_BASE_URL", stub.baseUrl(),
                    "GATEWAY_API_KEY", GATEWAY_KEY)));
            Map<String, String> configuredSettings = new HashMap<>(new BridgeConfig()
                    .route(List.of("claude-fwd*"), List.of("forwarding"))
                    .route(List.of("claude-hdr*"), List.of("headers"))
                    .values());
            configuredSettings.putAll(Map.of(
                    "bridge.upstreams.0.name", "forwarding", "bridge.upstreams.0.settings.base-url", stub.baseUrl(),
                    "bridge.upstreams.1.name", "headers", "bridge.upstreams.1.settings.base-url", stub.baseUrl(),
                    "bridge.upstreams.1.settings.api-key", UPSTREAM_KEY,
                    "bridge.upstreams.1.settings.headers.X-Token", HEADER_TOKEN,
                    "GATEWAY_API_KEY", GATEWAY_KEY, "BRIDGE_RECORD_DIR", recordings.toString()));
            WebServer configured = Main.start(config(configuredSettings));
            try {
                for (String model : List.of("claude-sonnet-4-5", "claude-fwd", "claude-hdr")) {
                    WebServer server = model.equals("claude-sonnet-4-5") ? seeded : configured;
                    for (String behaviour : List.of("ok", "error-400", "error-401", "error-429", "error-500", "html",
                            "mid-stream-error", "first-chunk-error")) {
                        for (boolean stream : new boolean[] {true, false}) {
                            exchange(server, "/v1/messages", body(model, stream, behaviour), GATEWAY_KEY, transcript);
                        }
                    }
                    exchange(server, "/v1/messages", body(model, true, "ok"), CALLER_KEY, transcript);
                    exchange(server, "/v1/messages/count_tokens", body(model, false, "ok"), GATEWAY_KEY, transcript);
                    exchange(server, "/v1/models", null, GATEWAY_KEY, transcript);
                    exchange(server, "/v1/nowhere", null, GATEWAY_KEY, transcript);
                }
            } finally {
                seeded.stop();
                configured.stop();
                System.setOut(originalOut);
                System.setErr(originalErr);
            }

            assertTrue(transcript.toString().contains("auth=Bearer ****"), "the upstream's echo never reached the "
                    + "client, so this test proves nothing:\n" + transcript);
            assertTrue(stub.requests().stream().anyMatch(r -> ("Bearer " + CALLER_KEY).equals(
                    r.headers().get("authorization"))), "the caller's key was never forwarded");
            assertTrue(stub.requests().stream().anyMatch(r -> HEADER_TOKEN.equals(r.headers().get("x-token"))),
                    "the X-Token header was never sent");
            stub.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                    .forEach(r -> OpenAiRequestSchema.check(r.body()));
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("standard output and error", console.toString(StandardCharsets.UTF_8));
            outputs.put("log records", String.join("\n", everything.lines()));
            outputs.put("responses", transcript.toString());
            try (Stream<Path> files = Files.walk(recordings)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    outputs.put("recording " + recordings.relativize(file), Files.readString(file));
                }
            }
            return outputs;
        } finally {
            bridgeLogs.setLevel(originalLevel);
        }
    }

    private static void assertNoSentinel(Map<String, String> outputs) {
        List<String> leaks = new ArrayList<>();
        SENTINELS.forEach((name, value) -> outputs.forEach((where, text) -> {
            int at = text.indexOf(value);
            if (at >= 0) {
                leaks.add(name + " in " + where + ": ..." + text.substring(Math.max(0, at - 200),
                        Math.min(text.length(), at + value.length() + 50)) + "...");
            }
        }));
        assertTrue(leaks.isEmpty(), String.join("\n\n", leaks));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Quotes every key it was sent in error bodies and in a header of every answer. */
    private static UpstreamStub.Reply echoingUpstream(UpstreamStub.Recorded request) {
        String echo = "auth=" + request.headers().get("authorization") + " token=" + request.headers().get("x-token")
                + " api-key=" + request.headers().get("api-key");
        Map<String, String> headers = Map.of("X-Echo", echo, "X-Request-Id", echo, "x-daoe-used-model", echo);
        String error = "{\"error\":{\"message\":" + Json.quote("rejected " + echo) + ",\"type\":\"invalid_request_error"
                + "\",\"code\":" + Json.quote(echo) + "}}";
        if (!request.path().endsWith("/chat/completions")) {
            return UpstreamStub.json(401, error, headers);
        }
        JsonArray messages = request.json().getJsonArray("messages");
        String behaviour = messages.getJsonObject(messages.size() - 1).getString("content");
        boolean stream = request.json().getBoolean("stream", false);
        String sseError = "data: {\"error\":{\"message\":" + Json.quote("failed " + echo) + "}}\n\n";
        return switch (behaviour) {
            case "error-400" -> UpstreamStub.json(400, error, headers);
            case "error-401" -> UpstreamStub.json(401, error, headers);
            case "error-429" -> UpstreamStub.json(429, error, Map.of("Retry-After", "1", "X-Echo", echo));
            case "error-500" -> UpstreamStub.json(500, error, headers);
            case "html" -> new UpstreamStub.Whole(502, "text/html", "<html><head><title>Bad gateway for " + echo
                    + "</title></head><body>" + echo + "</body></html>", headers);
            case "mid-stream-error" -> new UpstreamStub.Streamed(200, "text/event-stream", UpstreamStub.events(
                    OpenAiSse.stream().text("partial").withoutDone() + sseError), Duration.ZERO, headers, false,
                    Duration.ZERO);
            case "first-chunk-error" -> new UpstreamStub.Streamed(200, "text/event-stream", List.of(sseError),
                    Duration.ZERO, headers, false, Duration.ZERO);
            default -> stream ? new UpstreamStub.Streamed(200, "text/event-stream", UpstreamStub.events(
                    Messages.stream("fine")), Duration.ZERO, headers, false, Duration.ZERO)
                    : UpstreamStub.json(200, Messages.completion("fine"), headers);
        };
    }

    private static String body(String model, boolean stream, String behaviour) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + behaviour + "\"}]}";
    }

    /** Sends with the gateway key as the bearer token and the caller's own key in {@code x-api-key}. */
    private void exchange(WebServer server, String path, String body, String bearer, StringBuilder transcript)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + bearer)
                .header("x-api-key", CALLER_KEY)
                .header("content-type", "application/json");
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        transcript.append(path).append(' ').append(body).append(" -> ").append(response.statusCode()).append('\n');
        response.headers().map().forEach((name, values) -> transcript.append(name).append(": ")
                .append(String.join(", ", values)).append('\n'));
        transcript.append(response.body()).append("\n\n");
    }

    private static UpstreamStub.Reply slowStream() {
        List<String> pieces = new ArrayList<>(UpstreamStub.events(OpenAiSse.stream().text("slow").withoutDone()));
        pieces.add(OpenAiSse.continued().finish("stop").done());
        return new UpstreamStub.Streamed(200, "text/event-stream", pieces, Duration.ofMillis(400), Map.of(), false,
                Duration.ZERO);
    }

    private static void awaitRequests(UpstreamStub stub, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stub.requests().size() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + stub.requests().size() + " requests arrived");
            Thread.sleep(10);
        }
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : nic.inetAddresses().toList()) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static Config config(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("PORT", "0");
        values.putIfAbsent("BRIDGE_PLUGINS_DIR", "target/no-plugins");
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml"))
                .build();
    }

    /** Runs {@code start} with {@link System#out} captured, where {@link Main#start} prints its summary. */
    private static WebServer quietly(ByteArrayOutputStream out, java.util.function.Supplier<WebServer> start) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return start.get();
        } finally {
            System.setOut(original);
        }
    }
}
