package dev.ccbridge.server.recording;

import dev.ccbridge.server.RandomIds;
import dev.ccbridge.server.Version;
import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.config.CommandLine;
import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Record mode over real HTTP: a bridge with {@code BRIDGE_RECORD_DIR} set, stub upstreams, and requests shaped like
 * Claude Code's. Each test reads the files the recording left and checks them against what went over the wire.
 */
class RecordModeTest {

    private static final String MODEL = "claude-sonnet-4-5";
    private static final String USER_AGENT = "claude-cli/2.1.329 (external, sdk-cli)";
    private static final String SESSION = "3f1c2a9e-0b7d-4c55-9e61-5d2f8a7b4c10";
    private static final Pattern GENERATED = Pattern.compile("\\b(msg|req|toolu)_[0-9A-Za-z]{24}\\b");
    private static final Pattern NORMALISED = Pattern.compile("\\b(msg|req|toolu)_rec\\d{4}\\b");

    @TempDir
    Path recordings;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    // ---- the files of one exchange ----------------------------------------------------------------------------

    @Test
    void aStreamedExchangeIsRecordedAsFourWireFilesWithVerbatimSseBodies() {
        UpstreamStub upstream = stub();
        TestBridge bridge = recordingBridge(upstream, Map.of());
        String upstreamSse = OpenAiSse.stream().text("Hello ").text("from the stub").finish("stop").usage(12, 4)
                .done();
        upstream.enqueue(UpstreamStub.sse(upstreamSse));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", request(true, "Say hello"),
                claudeCode(SESSION));

        assertEquals(200, response.status(), response.body());
        AnthropicStreamGrammar.check(response.events());
        Path exchange = recorded(SESSION, 1);
        assertEquals(Set.of("client-request.json", "client-request.body.json", "upstream-request.json",
                "upstream-request.body.json", "upstream-response.json", "upstream-response.body.sse",
                "client-response.json", "client-response.body.sse"), files(exchange));

        JsonObject clientRequest = json(exchange.resolve("client-request.json"));
        assertEquals("POST", clientRequest.getString("method"));
        assertEquals("/v1/messages", clientRequest.getString("path"));
        assertEquals("beta=true", clientRequest.getString("query"));
        JsonObject clientHeaders = clientRequest.getJsonObject("headers");
        assertEquals(USER_AGENT, clientHeaders.getJsonArray("user-agent").getString(0));
        assertEquals(SESSION, clientHeaders.getJsonArray("x-claude-code-session-id").getString(0));
        assertEquals(RecordingFormat.REDACTED, clientHeaders.getJsonArray("authorization").getString(0));
        assertPrettyJsonEqual(request(true, "Say hello"), read(exchange.resolve("client-request.body.json")));

        JsonObject upstreamRequest = json(exchange.resolve("upstream-request.json"));
        assertEquals("POST", upstreamRequest.getString("method"));
        assertEquals(upstream.baseUrl() + "/chat/completions", upstreamRequest.getString("url"));
        assertEquals(RecordingFormat.REDACTED,
                upstreamRequest.getJsonObject("headers").getJsonArray("authorization").getString(0));
        String upstreamBody = read(exchange.resolve("upstream-request.body.json"));
        assertPrettyJsonEqual(upstream.lastRequest().body(), upstreamBody);
        OpenAiRequestSchema.check(upstreamBody);

        JsonObject upstreamResponse = json(exchange.resolve("upstream-response.json"));
        assertEquals(200, upstreamResponse.getInt("status"));
        assertEquals("text/event-stream",
                upstreamResponse.getJsonObject("headers").getJsonArray("content-type").getString(0));
        assertEquals(upstreamSse, read(exchange.resolve("upstream-response.body.sse")));

        JsonObject clientResponse = json(exchange.resolve("client-response.json"));
        assertEquals(200, clientResponse.getInt("status"));
        JsonObject responseHeaders = clientResponse.getJsonObject("headers");
        assertTrue(responseHeaders.getJsonArray("content-type").getString(0).startsWith("text/event-stream"));
        assertTrue(NORMALISED.matcher(responseHeaders.getJsonArray("request-id").getString(0)).matches(),
                responseHeaders.toString());
        String recordedSse = read(exchange.resolve("client-response.body.sse"));
        assertEquals(withoutIds(response.body()), withoutIds(recordedSse));
        assertFalse(GENERATED.matcher(recordedSse).find(), recordedSse);
    }

    @Test
    void aNonStreamedExchangeHasPrettyJsonBodiesOnBothSides() {
        UpstreamStub upstream = stub();
        TestBridge bridge = recordingBridge(upstream, Map.of());
        String completion = completion("A whole answer");
        upstream.enqueue(UpstreamStub.json(200, completion));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", request(false, "Answer at once"),
                claudeCode(SESSION));

        assertEquals(200, response.status(), response.body());
        Path exchange = recorded(SESSION, 1);
        assertEquals(Set.of("client-request.json", "client-request.body.json", "upstream-request.json",
                "upstream-request.body.json", "upstream-response.json", "upstream-response.body.json",
                "client-response.json", "client-response.body.json"), files(exchange));
        assertPrettyJsonEqual(completion, read(exchange.resolve("upstream-response.body.json")));
        String clientBody = read(exchange.resolve("client-response.body.json"));
        assertPrettyJsonEqual(withoutIds(response.body()), withoutIds(clientBody));
        assertEquals("A whole answer", Json.parseObject(clientBody).getJsonArray("content").getJsonObject(0)
                .getString("text"));
        assertTrue(NORMALISED.matcher(Json.parseObject(clientBody).getString("id")).matches(), clientBody);
    }

    @Test
    void anUpstreamErrorIsRecordedWithItsStatusHeadersAndBodyAndTheErrorTheClientGot() {
        UpstreamStub upstream = stub();
        TestBridge bridge = recordingBridge(upstream, Map.of());
        String error = "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_exceeded\"}}";
        upstream.enqueue(UpstreamStub.json(429, error, Map.of("retry-after", "3")));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", request(true, "Too fast"),
                claudeCode(SESSION));

        assertEquals(429, response.status(), response.body());
        Path exchange = recorded(SESSION, 1);
        JsonObject upstreamResponse = json(exchange.resolve("upstream-response.json"));
        assertEquals(429, upstreamResponse.getInt("status"));
        assertEquals("3", upstreamResponse.getJsonObject("headers").getJsonArray("retry-after").getString(0));
        assertPrettyJsonEqual(error, read(exchange.resolve("upstream-response.body.json")));
        JsonObject clientResponse = json(exchange.resolve("client-response.json"));
        assertEquals(429, clientResponse.getInt("status"));
        assertEquals("3", clientResponse.getJsonObject("headers").getJsonArray("retry-after").getString(0));
        JsonObject envelope = json(exchange.resolve("client-response.body.json"));
        assertEquals("rate_limit_error", envelope.getJsonObject("error").getString("type"));
        assertTrue(envelope.getJsonObject("error").getString("message").contains("slow down"), envelope.toString());
    }

    /**
     * count_tokens is not recorded: it never reaches an upstream, so a replay has nothing to play for it; Claude
     * Code sends it only from interactive {@code /context}, about 28 requests at once, whose arrival order would
     * make the exchange numbering differ from run to run.
     */
    @Test
    void countTokensIsNotRecordedAndDoesNotTakeAnExchangeNumber() {
        UpstreamStub upstream = stub();
        TestBridge bridge = recordingBridge(upstream, Map.of());
        upstream.enqueue(UpstreamStub.json(200, completion("after counting")));

        TestBridge.Response counted = bridge.post("/v1/messages/count_tokens?beta=true",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}",
                claudeCode(SESSION));
        assertEquals(200, counted.status(), counted.body());
        assertFalse(Files.exists(recordings.resolve(SESSION)), "count_tokens opened a recording");

        bridge.post("/v1/messages?beta=true", request(false, "now answer"), claudeCode(SESSION));

        recorded(SESSION, 1);
        assertEquals(List.of("0001"), exchangeFolders(recordings.resolve(SESSION)));
    }

    @Test
    void aFallbackRecordsEachUpstreamAttemptWithANumberedSuffix() {
        UpstreamStub primary = stub();
        UpstreamStub backup = stub();
        TestBridge bridge = recordingBridge(twoUpstreams(primary, "primary-key-0001", backup, "backup-key-0002"));
        primary.enqueue(UpstreamStub.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        String backupSse = OpenAiSse.stream().text("from the backup").finish("stop").usage(5, 3).done();
        backup.enqueue(UpstreamStub.sse(backupSse));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", request(true, "Try both"),
                claudeCode(SESSION));

        assertEquals(200, response.status(), response.body());
        AnthropicStreamGrammar.check(response.events());
        Path exchange = recorded(SESSION, 1);
        assertEquals(Set.of("client-request.json", "client-request.body.json",
                "upstream-request.json", "upstream-request.body.json",
                "upstream-response.json", "upstream-response.body.json",
                "upstream-request-2.json", "upstream-request-2.body.json",
                "upstream-response-2.json", "upstream-response-2.body.sse",
                "client-response.json", "client-response.body.sse"), files(exchange));
        assertEquals(primary.baseUrl() + "/chat/completions",
                json(exchange.resolve("upstream-request.json")).getString("url"));
        assertEquals(503, json(exchange.resolve("upstream-response.json")).getInt("status"));
        assertEquals(backup.baseUrl() + "/chat/completions",
                json(exchange.resolve("upstream-request-2.json")).getString("url"));
        assertEquals("gpt-backup", json(exchange.resolve("upstream-request-2.body.json")).getString("model"));
        assertEquals(200, json(exchange.resolve("upstream-response-2.json")).getInt("status"));
        assertEquals(backupSse, read(exchange.resolve("upstream-response-2.body.sse")));
        assertEquals(withoutIds(response.body()), withoutIds(read(exchange.resolve("client-response.body.sse"))));
    }

    @Test
    void theRecordOptionTurnsRecordModeOn() {
        Path dir = recordings.resolve("from-the-command-line");

        BridgeSettings separate = BridgeSettings.from(CommandLine.parse(new String[] {"--record", dir.toString(),
                "--upstream", "http://127.0.0.1:9/v1"}).config());
        BridgeSettings joined = BridgeSettings.from(CommandLine.parse(new String[] {"--record=" + dir,
                "--upstream", "http://127.0.0.1:9/v1"}).config());

        assertEquals(dir, separate.recordDir());
        assertEquals(dir, joined.recordDir());
        assertTrue(CommandLine.USAGE.contains("--record DIR"));
    }

    // ---- sessions -----------------------------------------------------------------------------------------------

    @Test
    void exchangesAreNumberedInOrderPerSessionAndRequestsWithoutASessionShareDefault() {
        UpstreamStub upstream = stub();
        upstream.otherwise(request -> UpstreamStub.json(200, completion("ok")));
        TestBridge bridge = recordingBridge(upstream, Map.of());
        String other = "9a8b7c6d-1111-4222-8333-444455556666";

        bridge.post("/v1/messages?beta=true", request(false, "first of one"), claudeCode(SESSION));
        bridge.post("/v1/messages?beta=true", request(false, "first of other"), claudeCode(other));
        bridge.post("/v1/messages?beta=true", request(false, "second of one"), claudeCode(SESSION));
        bridge.post("/v1/messages", request(false, "no session"));

        recorded(SESSION, 2);
        recorded(other, 1);
        recorded("default", 1);
        assertEquals(List.of("0001", "0002"), exchangeFolders(recordings.resolve(SESSION)));
        assertEquals(List.of("0001"), exchangeFolders(recordings.resolve(other)));
        assertEquals(List.of("0001"), exchangeFolders(recordings.resolve("default")));
        assertTrue(read(recorded(SESSION, 2).resolve("client-request.body.json"))
                .contains("second of one"));
        assertTrue(read(recorded(other, 1).resolve("client-request.body.json"))
                .contains("first of other"));
        assertTrue(json(recordings.resolve("default").resolve(RecordingFormat.SESSION_FILE)).getString("client")
                .startsWith("Java-http-client/"));
    }

    @Test
    void sessionFileSaysWhatTheSessionWasRecordedWithAndRedactsTheKey() {
        UpstreamStub upstream = stub();
        TestBridge bridge = recordingBridge(upstream, Map.of("MODEL_MAP_JSON", "{\"claude-*haiku*\":\"gpt-small\"}",
                "DEFAULT_UPSTREAM_MODEL", "gpt-big"));
        upstream.enqueue(UpstreamStub.json(200, completion("hi")));

        bridge.post("/v1/messages?beta=true", request(false, "hi"), claudeCode(SESSION));

        JsonObject session = json(recordings.resolve(SESSION).resolve(RecordingFormat.SESSION_FILE));
        assertEquals(RecordingFormat.VERSION, session.getInt("format"));
        assertEquals(1, session.getInt("format"));
        assertEquals(SESSION, session.getString("session"));
        assertEquals(USER_AGENT, session.getString("client"));
        JsonObject with = session.getJsonObject("recorded_with");
        assertEquals(Version.current(), with.getString("bridge"));
        JsonObject recordedUpstream = with.getJsonArray("upstreams").getJsonObject(0);
        assertEquals("upstream", recordedUpstream.getString("name"));
        assertEquals("generic-openai", recordedUpstream.getString("adapter"));
        assertEquals(upstream.baseUrl(), recordedUpstream.getJsonObject("settings").getString("base-url"));
        assertEquals(RecordingFormat.REDACTED, recordedUpstream.getJsonObject("settings").getString("api-key"));
        JsonObject models = with.getJsonObject("models");
        assertEquals("gpt-big", models.getString("default"));
        assertFalse(models.getBoolean("force"));
        assertEquals("claude-*haiku*", models.getJsonArray("map").getJsonObject(0).getString("match"));
        assertEquals("gpt-small", models.getJsonArray("map").getJsonObject(0).getString("model"));
        assertEquals("/anthropic", with.getString("prefix"));
    }

    // ---- ids ------------------------------------------------------------------------------------------------------

    @Test
    void idsTheBridgeInventsMapToTheSameStableIdInEveryFileOfTheSession() {
        UpstreamStub upstream = stub();
        TestBridge bridge = recordingBridge(upstream, Map.of());
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().toolCall(0, "", "Bash", "{\"command\":\"ls\"}")
                .finish("tool_calls").usage(20, 6).done()));
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("two files").finish("stop").usage(30, 2).done()));

        TestBridge.Response first = bridge.post("/v1/messages?beta=true", request(true, "list files"),
                claudeCode(SESSION));
        AnthropicStreamGrammar.check(first.events());
        JsonObject toolUse = first.events().stream().filter(e -> e.type().equals("content_block_start"))
                .map(e -> e.data().getJsonObject("content_block")).filter(b -> b.getString("type").equals("tool_use"))
                .findFirst().orElseThrow();
        String rawToolId = toolUse.getString("id");
        assertTrue(GENERATED.matcher(rawToolId).matches(), rawToolId);
        TestBridge.Response second = bridge.post("/v1/messages?beta=true", toolResultRequest(rawToolId),
                claudeCode(SESSION));
        assertEquals(200, second.status(), second.body());

        Path one = recorded(SESSION, 1);
        Path two = recorded(SESSION, 2);
        String stableToolId = only(NORMALISED, "toolu", read(one.resolve("client-response.body.sse")));
        assertEquals(stableToolId, only(NORMALISED, "toolu", read(two.resolve("client-request.body.json"))));
        assertEquals(stableToolId, only(NORMALISED, "toolu", read(two.resolve("upstream-request.body.json"))));
        String firstMessage = only(NORMALISED, "msg", read(one.resolve("client-response.body.sse")));
        String secondMessage = only(NORMALISED, "msg", read(two.resolve("client-response.body.sse")));
        String firstRequest = json(one.resolve("client-response.json")).getJsonObject("headers")
                .getJsonArray("request-id").getString(0);
        Set<String> distinct = Set.of(stableToolId, firstMessage, secondMessage, firstRequest);
        assertEquals(4, distinct.size(), distinct.toString());
        for (Path file : allFiles(recordings)) {
            String text = read(file);
            assertFalse(text.contains(rawToolId), file + " holds the raw tool id");
            assertFalse(GENERATED.matcher(text).find(), file + " holds a generated id");
        }
    }

    @Test
    void idsAlreadyNormalisedInALaterClientRequestAdvanceTheCounter() {
        UpstreamStub upstream = stub();
        TestBridge bridge = recordingBridge(upstream, Map.of());
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("seen").finish("stop").usage(9, 1).done()));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", toolResultRequest("toolu_rec0042"),
                claudeCode(SESSION));

        assertEquals(200, response.status(), response.body());
        Path exchange = recorded(SESSION, 1);
        assertTrue(read(exchange.resolve("client-request.body.json")).contains("toolu_rec0042"));
        assertEquals("req_rec0043", json(exchange.resolve("client-response.json")).getJsonObject("headers")
                .getJsonArray("request-id").getString(0));
        assertEquals("msg_rec0044", only(NORMALISED, "msg", read(exchange.resolve("client-response.body.sse"))));
    }

    // ---- secrets --------------------------------------------------------------------------------------------------

    /**
     * The sentinel test: every key the bridge is given or shown is a sentinel string, upstreams echo keys back in
     * error bodies and in model text, and no file of the recording may hold any of them.
     */
    @Test
    void noKeyReachesAnyFileOfTheRecording() {
        String upstreamKey = "fake-SENTINEL-upstream-0001";
        String gatewayKey = "fake-SENTINEL-gateway-0002";
        String callerKey = "fake-SENTINEL-caller-0003";
        List<String> sentinels = List.of(upstreamKey, gatewayKey, callerKey);
        UpstreamStub keyed = stub();
        UpstreamStub forwarding = stub();
        Map<String, String> settings = twoUpstreams(keyed, upstreamKey, forwarding, null);
        settings.put("GATEWAY_API_KEY", gatewayKey);
        TestBridge bridge = recordingBridge(settings);
        Map<String, String> headers = new HashMap<>(claudeCode(SESSION));
        headers.put("x-api-key", gatewayKey);
        headers.put("authorization", "Bearer " + callerKey);

        keyed.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("your key is " + upstreamKey).finish("stop")
                .usage(3, 3).done()));
        TestBridge.Response echoedInText = bridge.post("/v1/messages?beta=true", request(true, "what is my key?"),
                headers);
        assertEquals(200, echoedInText.status(), echoedInText.body());

        keyed.enqueue(UpstreamStub.json(503, "{\"error\":{\"message\":\"key " + upstreamKey + " is overloaded\","
                + "\"type\":\"server_error\"}}"));
        forwarding.enqueue(UpstreamStub.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                + callerKey + "\",\"type\":\"invalid_request_error\"}}"));
        TestBridge.Response rejected = bridge.post("/v1/messages?beta=true", request(true, "try again"), headers);
        assertEquals(401, rejected.status(), rejected.body());
        assertEquals("Bearer " + callerKey, forwarding.lastRequest().headers().get("authorization"));

        keyed.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("partial").withoutDone() + OpenAiSse.continued()
                .error("server_error", "upstream key " + upstreamKey + " failed").withoutDone()));
        TestBridge.Response streamError = bridge.post("/v1/messages?beta=true", request(true, "stream then fail"),
                headers);
        assertEquals(200, streamError.status(), streamError.body());
        assertEquals("error", streamError.events().getLast().type());

        keyed.enqueue(UpstreamStub.json(200, completion("the caller sent " + callerKey)));
        TestBridge.Response echoedSync = bridge.post("/v1/messages?beta=true", request(false, "echo"), headers);
        assertEquals(200, echoedSync.status(), echoedSync.body());

        TestBridge.Response denied = bridge.post("/v1/messages?beta=true", request(true, "wrong key"),
                Map.of("x-api-key", callerKey, "x-claude-code-session-id", SESSION, "user-agent", USER_AGENT));
        assertEquals(403, denied.status(), denied.body());

        for (int exchange = 1; exchange <= 5; exchange++) {
            recorded(SESSION, exchange);
        }
        List<Path> files = allFiles(recordings);
        assertTrue(files.size() > 20, files.toString());
        boolean redactedSomewhere = false;
        for (Path file : files) {
            String text = read(file);
            for (String sentinel : sentinels) {
                if (text.contains(sentinel)) {
                    fail(recordings.relativize(file) + " holds the key " + sentinel + ":\n" + text);
                }
            }
            redactedSomewhere |= text.contains(RecordingFormat.REDACTED);
        }
        assertTrue(redactedSomewhere, "no file shows " + RecordingFormat.REDACTED);
        assertTrue(read(recorded(SESSION, 2).resolve("upstream-response-2.body.json"))
                .contains(RecordingFormat.REDACTED));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /**
     * An exchange's folder once its last file, the client body, is written: the bridge writes it after the
     * response went out, so the client may be a moment ahead of the recording.
     */
    private Path recorded(String session, int number) {
        Path exchange = recordings.resolve(session).resolve(RecordingFormat.exchangeFolder(number));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(exchange.resolve("client-response.body.sse"))
                || Files.exists(exchange.resolve("client-response.body.json")))) {
            if (System.nanoTime() > deadline) {
                fail("exchange " + exchange + " was not recorded; files: "
                        + (Files.isDirectory(exchange) ? files(exchange) : "none"));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return exchange;
    }

    private UpstreamStub stub() {
        UpstreamStub stub = UpstreamStub.start();
        open.add(stub);
        return stub;
    }

    private TestBridge recordingBridge(UpstreamStub upstream, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("UPSTREAM_BASE_URL", upstream.baseUrl());
        settings.put("UPSTREAM_API_KEY", "test-upstream-key-0001");
        settings.putAll(extra);
        return recordingBridge(settings);
    }

    private TestBridge recordingBridge(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("BRIDGE_RECORD_DIR", recordings.toString());
        TestBridge bridge = TestBridge.start(values, new RandomIds());
        open.add(bridge);
        return bridge;
    }

    /** Two generic upstreams tried in order; a {@code null} key makes the second forward the caller's key. */
    private static Map<String, String> twoUpstreams(UpstreamStub first, String firstKey, UpstreamStub second,
                                                    String secondKey) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bridge.upstreams.0.name", "primary");
        settings.put("bridge.upstreams.0.adapter", "generic-openai");
        settings.put("bridge.upstreams.0.default-model", "gpt-primary");
        settings.put("bridge.upstreams.0.settings.base-url", first.baseUrl());
        settings.put("bridge.upstreams.0.settings.api-key", firstKey);
        settings.put("bridge.upstreams.1.name", "backup");
        settings.put("bridge.upstreams.1.adapter", "generic-openai");
        settings.put("bridge.upstreams.1.default-model", "gpt-backup");
        settings.put("bridge.upstreams.1.settings.base-url", second.baseUrl());
        if (secondKey != null) {
            settings.put("bridge.upstreams.1.settings.api-key", secondKey);
        }
        return settings;
    }

    private static Map<String, String> claudeCode(String session) {
        return Map.of("user-agent", USER_AGENT,
                "x-claude-code-session-id", session,
                "authorization", "Bearer claude-code-test-token",
                "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14",
                "x-app", "cli");
    }

    private static String request(boolean stream, String text) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":1024,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    /** The turn after a tool call, as Claude Code sends it: the call echoed, then its result. */
    private static String toolResultRequest(String toolId) {
        return Json.q("{'model':'" + MODEL + "','max_tokens':1024,'stream':true,'messages':["
                + "{'role':'user','content':'list files'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'" + toolId + "','name':'Bash',"
                + "'input':{'command':'ls'}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'" + toolId + "',"
                + "'content':'a.txt b.txt'}]}]}").toString();
    }

    private static String completion(String text) {
        return "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"gpt-test\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,"
                + "\"total_tokens\":15}}";
    }

    /** Pretty (one member per line, indented) and the same JSON as the original. */
    private static void assertPrettyJsonEqual(String original, String recorded) {
        assertTrue(recorded.contains("\n    \""), "not pretty-printed:\n" + recorded);
        assertTrue(recorded.endsWith("}\n"), "does not end with a newline:\n" + recorded);
        assertEquals(Json.parse(original), Json.parse(recorded));
    }

    private static String withoutIds(String text) {
        return NORMALISED.matcher(GENERATED.matcher(text).replaceAll("$1_ID")).replaceAll("$1_ID");
    }

    /** The one distinct id of a kind in a text. */
    private static String only(Pattern pattern, String kind, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(kind)) {
                found.add(matcher.group());
            }
        }
        assertEquals(1, found.size(), kind + " ids " + found + " in\n" + text);
        return found.iterator().next();
    }

    private static Set<String> files(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> exchangeFolders(Path session) {
        try (Stream<Path> entries = Files.list(session)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> allFiles(Path root) {
        try (Stream<Path> entries = Files.walk(root)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject json(Path file) {
        return Json.parseObject(read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
