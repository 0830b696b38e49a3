package dev.ccbridge.server.scripted;

import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.translate.ToolNames;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scripted upstream over real HTTP: how rules are chosen, what a reply looks like streamed and not, errors,
 * pauses, and that its streams translate cleanly through a real bridge.
 */
class ScriptedUpstreamTest {

    /** A 71-character Claude Code MCP tool name: longer than the 64 characters OpenAI-style upstreams accept. */
    private static final String MCP_TOOL = "mcp__claude_code_replay_server__read_the_entire_configuration_files_now";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    // ---- choosing a rule ---------------------------------------------------------------------------------------

    @Test
    void theLastTurnsRoleIgnoresSystemMessagesBetweenTurns() {
        ScriptedUpstream upstream = start("""
                {"rules": [{"when": {"lastRole": "tool"}, "reply": {"text": "after the tool"}},
                           {"when": {"lastRole": "user"}, "reply": {"text": "from the user"}}]}""");

        String afterTool = text(upstream, request(false, "{'role':'user','content':'run it'}",
                "{'role':'assistant','content':null,'tool_calls':[{'id':'call_9','type':'function',"
                        + "'function':{'name':'Bash','arguments':'{}'}}]}",
                "{'role':'tool','tool_call_id':'call_9','content':'done'}",
                "{'role':'system','content':'a reminder between turns'}"));
        String fromUser = text(upstream, request(false, "{'role':'system','content':'You are helpful.'}",
                "{'role':'user','content':'hello'}"));

        assertEquals("after the tool", afterTool);
        assertEquals("from the user", fromUser);
    }

    @Test
    void textConditionsLookAtTheLastTurnAnyTurnOrTheSystemPrompt() {
        ScriptedUpstream upstream = start("""
                {"rules": [{"when": {"lastContains": "alpha"}, "reply": {"text": "last"}},
                           {"when": {"anyContains": "beta", "noneContains": "gamma"}, "reply": {"text": "beta only"}},
                           {"when": {"anyContains": "beta"}, "reply": {"text": "beta"}},
                           {"when": {"systemContains": "Be brief"}, "reply": {"text": "system"}}],
                 "fallback": {"text": "fallback"}}""");

        assertEquals("last", text(upstream, request(false, "{'role':'user','content':'alpha'}")));
        assertEquals("last", text(upstream, request(false,
                "{'role':'user','content':[{'type':'text','text':'say'},{'type':'text','text':'alpha'}]}")));
        assertEquals("fallback", text(upstream, request(false, "{'role':'user','content':'alpha'}",
                "{'role':'assistant','content':'ok'}", "{'role':'user','content':'later'}")));
        assertEquals("beta only", text(upstream, request(false, "{'role':'user','content':'beta'}",
                "{'role':'assistant','content':'ok'}", "{'role':'user','content':'go on'}")));
        assertEquals("beta", text(upstream, request(false, "{'role':'user','content':'beta'}",
                "{'role':'assistant','content':'gamma'}", "{'role':'user','content':'go on'}")));
        assertEquals("system", text(upstream, request(false, "{'role':'system','content':'Be brief.'}",
                "{'role':'user','content':'hi'}")));
    }

    @Test
    void aToolIsFoundByItsClaudeCodeNameEvenWhenTheBridgeShortenedIt() {
        String alias = new ToolNames(64).alias(MCP_TOOL);
        assertEquals(71, MCP_TOOL.length());
        assertTrue(alias.length() <= 64 && !alias.equals(MCP_TOOL), alias);
        ScriptedUpstream upstream = start("""
                {"rules": [{"when": {"hasTool": "%s"},
                            "reply": {"toolCalls": [{"name": "%s", "arguments": {"path": "config.yaml"}}]}}],
                 "fallback": {"text": "no such tool"}}""".formatted(MCP_TOOL, MCP_TOOL));

        JsonObject withTool = completion(upstream, Json.q("{'model':'m','messages':[{'role':'user','content':'read'}],"
                + "'tools':[{'type':'function','function':{'name':'" + alias + "','parameters':{'type':'object'}}}]}"));
        String without = text(upstream, request(false, "{'role':'user','content':'read'}"));

        JsonObject call = withTool.getJsonArray("choices").getJsonObject(0).getJsonObject("message")
                .getJsonArray("tool_calls").getJsonObject(0);
        assertEquals(alias, call.getJsonObject("function").getString("name"));
        assertEquals(Json.q("{'path':'config.yaml'}"), Json.parseObject(call.getJsonObject("function")
                .getString("arguments")));
        assertEquals("no such tool", without);
    }

    @Test
    void keepsOnlyTheLatestRequestsSoADemoCanRunAllDay() {
        ScriptedUpstream upstream = start("""
                {"rules": [], "fallback": {"text": "fallback"}}""");
        int sent = ScriptedUpstream.KEPT_REQUESTS + 6;
        for (int i = 1; i <= sent; i++) {
            assertEquals("fallback", text(upstream, request(false, "{'role':'user','content':'q" + i + "'}")));
        }
        List<JsonObject> kept = upstream.requests();
        assertEquals(ScriptedUpstream.KEPT_REQUESTS, kept.size());
        assertEquals("q7", kept.getFirst().getJsonArray("messages").getJsonObject(0).getString("content"));
        assertEquals("q" + sent, kept.getLast().getJsonArray("messages").getJsonObject(0).getString("content"));
    }

    @Test
    void streamAndTurnConditionsAndUseCounts() {
        ScriptedUpstream upstream = start("""
                {"rules": [{"when": {"stream": false}, "times": 2, "reply": {"text": "sync"}},
                           {"when": {"turn": 1}, "reply": {"text": "second turn"}}],
                 "fallback": {"text": "fallback"}}""");
        String firstTurn = "{'role':'user','content':'q'}";

        assertEquals("sync", text(upstream, request(false, firstTurn)));
        assertEquals("sync", text(upstream, request(false, firstTurn)));
        assertEquals("fallback", text(upstream, request(false, firstTurn)));
        assertEquals("second turn", text(upstream, request(false, firstTurn, "{'role':'assistant','content':'a'}",
                "{'role':'user','content':'q2'}")));
        assertEquals("fallback", streamedText(stream(upstream, request(true, firstTurn))));
        assertEquals(5, upstream.requests().size());
        assertEquals("q2", upstream.requests().get(3).getJsonArray("messages").getJsonObject(2).getString("content"));
    }

    @Test
    void withoutAFallbackAnUnmatchedRequestGetsAServerErrorThatSaysSo() {
        ScriptedUpstream upstream = start("{\"rules\": [{\"when\": {\"lastContains\": \"never\"}, \"reply\": {}}]}");

        HttpResponse<String> response = post(upstream, request(false, "{'role':'user','content':'hi'}").build());

        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("the script has no rule for this request"), response.body());
    }

    // ---- replies -----------------------------------------------------------------------------------------------

    @Test
    void aStreamedReplySendsReasoningThenTextInPiecesThenFinishUsageAndDone() {
        ScriptedUpstream upstream = start("""
                {"fallback": {"reasoning": "Think first, then answer.", "text": "The answer is twelve.",
                              "chunkChars": 5, "usage": {"prompt_tokens": 120, "completion_tokens": 9,
                                                         "cached_tokens": 100}}}""");

        Stream stream = stream(upstream, request(true, "{'role':'user','content':'q'}").add("stream_options",
                Json.q("{'include_usage':true}")).build());

        assertTrue(stream.done());
        assertEquals("assistant", stream.chunks().getFirst().getJsonArray("choices").getJsonObject(0)
                .getJsonObject("delta").getString("role"));
        List<String> reasoning = deltas(stream, "reasoning_content");
        List<String> text = deltas(stream, "content");
        assertEquals(List.of("Think", " firs", "t, th", "en an", "swer."), reasoning);
        assertEquals(List.of("", "The a", "nswer", " is t", "welve", "."), text);
        int lastReasoning = indexOf(stream, "reasoning_content", "swer.");
        int firstText = indexOf(stream, "content", "The a");
        assertTrue(lastReasoning < firstText);
        assertEquals("stop", finishReason(stream));
        JsonObject usage = stream.chunks().getLast().getJsonObject("usage");
        assertEquals(Json.q("{'prompt_tokens':120,'completion_tokens':9,'total_tokens':129,"
                + "'prompt_tokens_details':{'cached_tokens':100}}"), usage);
        assertTrue(stream.chunks().getLast().getJsonArray("choices").isEmpty());
        for (JsonObject chunk : stream.chunks()) {
            assertEquals("chat.completion.chunk", chunk.getString("object"));
            assertEquals("chatcmpl-scripted-1", chunk.getString("id"));
        }
    }

    @Test
    void usageIsSentOnlyWhenAskedForAndCountedWhenTheScriptGivesNone() {
        ScriptedUpstream upstream = start("{\"fallback\": {\"text\": \"" + "x".repeat(40) + "\"}}");

        Stream withoutUsage = stream(upstream, request(true, "{'role':'user','content':'q'}"));
        JsonObject body = request(false, "{'role':'user','content':'q'}").build();
        JsonObject completion = completion(upstream, body);

        assertTrue(withoutUsage.chunks().stream().noneMatch(chunk -> chunk.containsKey("usage")));
        JsonObject usage = completion.getJsonObject("usage");
        assertEquals(body.toString().length() / 4, usage.getInt("prompt_tokens"));
        assertEquals(10, usage.getInt("completion_tokens"));
        assertEquals(usage.getInt("prompt_tokens") + 10, usage.getInt("total_tokens"));
    }

    @Test
    void parallelToolCallsStreamOneAfterTheOtherWithTheirOwnIndexAndId() {
        ScriptedUpstream upstream = start("""
                {"fallback": {"text": "Both at once.", "chunkChars": 8,
                              "toolCalls": [{"name": "Read", "arguments": {"file_path": "/tmp/a.txt"}},
                                            {"id": "call_fixed", "name": "Bash",
                                             "arguments": {"command": "ls -la"}}]}}""");

        Stream stream = stream(upstream, request(true, "{'role':'user','content':'both'}"));

        Map<Integer, JsonObject> starts = new TreeMap<>();
        Map<Integer, StringBuilder> arguments = new TreeMap<>();
        for (JsonObject chunk : stream.chunks()) {
            JsonArray choices = chunk.getJsonArray("choices");
            if (choices.isEmpty() || !(choices.getJsonObject(0).getJsonObject("delta").get("tool_calls")
                    instanceof JsonArray calls)) {
                continue;
            }
            for (JsonObject call : calls.getValuesAs(JsonObject.class)) {
                int index = call.getInt("index");
                if (call.containsKey("id")) {
                    starts.put(index, call);
                    arguments.put(index, new StringBuilder());
                }
                arguments.get(index).append(call.getJsonObject("function").getString("arguments"));
            }
        }
        assertEquals(List.of(0, 1), List.copyOf(starts.keySet()));
        assertEquals("call_1", starts.get(0).getString("id"));
        assertEquals("Read", starts.get(0).getJsonObject("function").getString("name"));
        assertEquals("call_fixed", starts.get(1).getString("id"));
        assertEquals("Bash", starts.get(1).getJsonObject("function").getString("name"));
        assertEquals(Json.q("{'file_path':'/tmp/a.txt'}"), Json.parseObject(arguments.get(0).toString()));
        assertEquals(Json.q("{'command':'ls -la'}"), Json.parseObject(arguments.get(1).toString()));
        assertEquals("tool_calls", finishReason(stream));
        assertEquals(List.of("", "Both at ", "once."), deltas(stream, "content"));
    }

    @Test
    void aCompletionHoldsTheWholeReplyAndCallIdsKeepCountingAcrossRequests() {
        ScriptedUpstream upstream = start("""
                {"fallback": {"reasoning": "hmm", "text": "Here.",
                              "toolCalls": [{"name": "Read", "arguments": {"file_path": "a"}},
                                            {"name": "Read", "arguments": {"file_path": "b"}}]}}""");

        JsonObject first = completion(upstream, request(false, "{'role':'user','content':'q'}").build());
        JsonObject second = completion(upstream, request(false, "{'role':'user','content':'q'}").build());

        assertEquals("chat.completion", first.getString("object"));
        assertEquals("chatcmpl-scripted-1", first.getString("id"));
        assertEquals("chatcmpl-scripted-2", second.getString("id"));
        JsonObject choice = first.getJsonArray("choices").getJsonObject(0);
        assertEquals("tool_calls", choice.getString("finish_reason"));
        JsonObject message = choice.getJsonObject("message");
        assertEquals("Here.", message.getString("content"));
        assertEquals("hmm", message.getString("reasoning_content"));
        assertEquals(List.of("call_1", "call_2"), message.getJsonArray("tool_calls").getValuesAs(JsonObject.class)
                .stream().map(call -> call.getString("id")).toList());
        assertEquals("{\"file_path\":\"b\"}", message.getJsonArray("tool_calls").getJsonObject(1)
                .getJsonObject("function").getString("arguments"));
        assertEquals(List.of("call_3", "call_4"), second.getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getJsonArray("tool_calls").getValuesAs(JsonObject.class).stream()
                .map(call -> call.getString("id")).toList());
    }

    @Test
    void aToolOnlyCompletionHasNullContent() {
        ScriptedUpstream upstream = start("{\"fallback\": {\"toolCalls\": [{\"name\": \"Bash\"}]}}");

        JsonObject message = completion(upstream, request(false, "{'role':'user','content':'q'}").build())
                .getJsonArray("choices").getJsonObject(0).getJsonObject("message");

        assertEquals(JsonValue.NULL, message.get("content"));
        assertEquals("{}", message.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function")
                .getString("arguments"));
    }

    @Test
    void cwdInToolArgumentsBecomesClaudeCodesWorkingDirectory() {
        ScriptedUpstream upstream = start("""
                {"fallback": {"toolCalls": [{"name": "Read", "arguments": {"file_path": "${cwd}/notes.txt"}},
                                            {"name": "Bash", "arguments": {"command": "ls"}}]}}""");
        String system = "{'role':'system','content':'<env>\\nWorking directory: /elsewhere\\n"
                + "Primary working directory: %s\\nIs directory a git repo: No\\n</env>'}";

        JsonArray unix = calls(completion(upstream, request(false, system.formatted("/home/dev/project"),
                "{'role':'user','content':'read'}").build()));
        JsonArray windows = calls(completion(upstream, request(false,
                system.formatted("C:\\\\Users\\\\dev"), "{'role':'user','content':'read'}").build()));
        JsonArray spaced = calls(completion(upstream, request(false,
                system.formatted("/home/dev/my \\\"big\\\" project"), "{'role':'user','content':'read'}").build()));
        JsonArray none = calls(completion(upstream, request(false, "{'role':'user','content':'read'}").build()));

        assertEquals("/home/dev/project/notes.txt", arguments(unix, 0).getString("file_path"));
        assertEquals("C:\\Users\\dev/notes.txt", arguments(windows, 0).getString("file_path"));
        assertEquals("/home/dev/my \"big\" project/notes.txt", arguments(spaced, 0).getString("file_path"));
        assertEquals("${cwd}/notes.txt", arguments(none, 0).getString("file_path"));
        assertEquals("ls", arguments(unix, 1).getString("command"));
    }

    @Test
    void aScriptedFinishReasonReplacesTheNaturalOne() {
        ScriptedUpstream upstream = start("{\"fallback\": {\"text\": \"cut o\", \"finishReason\": \"length\"}}");

        Stream stream = stream(upstream, request(true, "{'role':'user','content':'q'}"));
        JsonObject completion = completion(upstream, request(false, "{'role':'user','content':'q'}").build());

        assertEquals("length", finishReason(stream));
        assertEquals("length", completion.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void aStreamErrorEndsTheStreamAfterTheContentWithoutFinishOrDone() {
        ScriptedUpstream upstream = start("""
                {"fallback": {"text": "partial", "streamError": {"message": "boom", "type": "server_error"}}}""");

        Stream stream = stream(upstream, request(true, "{'role':'user','content':'q'}"));

        assertFalse(stream.done());
        assertEquals(Json.q("{'error':{'message':'boom','type':'server_error'}}"), stream.chunks().getLast());
        assertEquals(List.of("", "partial"), deltas(stream, "content"));
        assertNull(finishReason(stream));
    }

    @Test
    void anErrorReplyHasItsStatusHeadersAndBody() {
        ScriptedUpstream upstream = start("""
                {"fallback": {"status": 429, "headers": {"retry-after": "7", "x-ratelimit-remaining": "0"},
                              "errorBody": {"error": {"message": "slow down", "type": "rate_limit_exceeded"}}}}""");

        for (boolean stream : new boolean[] {true, false}) {
            HttpResponse<String> response = post(upstream, request(stream, "{'role':'user','content':'q'}").build());

            assertEquals(429, response.statusCode());
            assertEquals("7", response.headers().firstValue("retry-after").orElseThrow());
            assertEquals("0", response.headers().firstValue("x-ratelimit-remaining").orElseThrow());
            assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
            assertEquals(Json.q("{'error':{'message':'slow down','type':'rate_limit_exceeded'}}"),
                    Json.parseObject(response.body()));
        }
    }

    @Test
    void pausesComeBeforeTheFirstByteAndBetweenPieces() {
        ScriptedUpstream upstream = start("""
                {"rules": [{"when": {"lastContains": "slow start"}, "reply": {"text": "ok", "firstByteMillis": 400}},
                           {"when": {"lastContains": "slow pieces"},
                            "reply": {"text": "abcdef", "chunkChars": 2, "delayMillis": 100}}]}""");

        long start = System.nanoTime();
        HttpResponse<String> slowStart = post(upstream, request(false, "{'role':'user','content':'slow start'}")
                .build());
        long startMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Stream slowPieces = stream(upstream, request(true, "{'role':'user','content':'slow pieces'}"));
        long piecesMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, slowStart.statusCode());
        assertTrue(startMillis >= 400, startMillis + " ms");
        assertEquals(List.of("", "ab", "cd", "ef"), deltas(slowPieces, "content"));
        assertTrue(piecesMillis >= 500, "5 events 100 ms apart took " + piecesMillis + " ms");
    }

    @Test
    void modelsAreListedAndOtherPathsAreNotFound() throws Exception {
        ScriptedUpstream upstream = start("{\"fallback\": {\"text\": \"x\"}}");

        HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/models"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl()
                        + "/embeddings")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, models.statusCode());
        assertEquals("scripted-model", Json.parseObject(models.body()).getJsonArray("data").getJsonObject(0)
                .getString("id"));
        assertEquals(404, elsewhere.statusCode());
        assertTrue(upstream.requests().isEmpty());
    }

    // ---- through a real bridge ---------------------------------------------------------------------------------

    @Test
    void itsStreamsTranslateCleanlyThroughABridge() {
        ScriptedUpstream upstream = start("""
                {"rules": [
                   {"when": {"lastContains": "think"}, "reply": {"reasoning": "Let me see.", "text": "Seen."}},
                   {"when": {"lastContains": "parallel"},
                    "reply": {"text": "Two tools.", "toolCalls": [{"name": "Bash", "arguments": {"command": "ls"}},
                                                                  {"name": "Bash", "arguments": {"command": "pwd"}}]}},
                   {"when": {"lastContains": "mcp", "hasTool": "%s"},
                    "reply": {"toolCalls": [{"name": "%s", "arguments": {"path": "${cwd}/c.yaml"}}]}},
                   {"when": {"lastContains": "long"}, "reply": {"text": "This is cut", "finishReason": "length"}},
                   {"when": {"lastContains": "break"},
                    "reply": {"text": "Half", "streamError": {"message": "gone", "type": "server_error"}}}
                 ]}""".formatted(MCP_TOOL, MCP_TOOL));
        try (TestBridge bridge = TestBridge.start(Map.of("UPSTREAM_BASE_URL", upstream.baseUrl(),
                "UPSTREAM_API_KEY", "scripted-test-key"))) {

            List<SseEvent> thinking = anthropicStream(bridge, "think");
            List<SseEvent> parallel = anthropicStream(bridge, "parallel");
            List<SseEvent> mcp = anthropicStream(bridge, "mcp");
            List<SseEvent> cut = anthropicStream(bridge, "long");
            List<SseEvent> broken = anthropicStream(bridge, "break");

            assertEquals(List.of("thinking", "text"), blockTypes(thinking));
            assertEquals(List.of("text", "tool_use", "tool_use"), blockTypes(parallel));
            assertEquals("tool_use", stopReason(parallel));
            JsonObject mcpCall = blocks(mcp).getFirst();
            assertEquals(MCP_TOOL, mcpCall.getString("name"));
            assertTrue(inputOf(mcp).contains("/work/scripted/c.yaml"), inputOf(mcp));
            assertEquals("max_tokens", stopReason(cut));
            assertEquals("error", broken.getLast().type());
            for (JsonObject sent : upstream.requests()) {
                OpenAiRequestSchema.check(sent);
            }
            assertEquals(5, upstream.requests().size());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * An OpenAI stream as read.
     *
     * @param chunks the data objects, in order
     * @param done   whether it ended with {@code [DONE]}
     */
    private record Stream(List<JsonObject> chunks, boolean done) {
    }

    private ScriptedUpstream start(String script) {
        ScriptedUpstream upstream = ScriptedUpstream.start(ScriptReader.parse(script), 0);
        open.add(upstream);
        return upstream;
    }

    private static JsonObjectBuilder request(boolean stream, String... messages) {
        JsonArrayBuilder array = jakarta.json.Json.createArrayBuilder();
        for (String message : messages) {
            array.add(Json.q(message));
        }
        return jakarta.json.Json.createObjectBuilder().add("model", "scripted-model").add("stream", stream)
                .add("messages", array);
    }

    private static String text(ScriptedUpstream upstream, JsonObjectBuilder request) {
        JsonObject message = completion(upstream, request.build()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message");
        return message.getString("content");
    }

    private static JsonObject completion(ScriptedUpstream upstream, JsonObject request) {
        HttpResponse<String> response = post(upstream, request);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        return Json.parseObject(response.body());
    }

    private static Stream stream(ScriptedUpstream upstream, JsonObjectBuilder request) {
        return stream(upstream, request.build());
    }

    private static Stream stream(ScriptedUpstream upstream, JsonObject request) {
        HttpResponse<String> response = post(upstream, request);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<JsonObject> chunks = new ArrayList<>();
        boolean done = false;
        for (String event : response.body().split("\n\n")) {
            assertTrue(event.startsWith("data: "), event);
            assertFalse(done, "data after [DONE]");
            String data = event.substring("data: ".length());
            if (data.equals("[DONE]")) {
                done = true;
            } else {
                chunks.add(Json.parseObject(data));
            }
        }
        return new Stream(chunks, done);
    }

    private static String streamedText(Stream stream) {
        return String.join("", deltas(stream, "content"));
    }

    private static HttpResponse<String> post(ScriptedUpstream upstream, JsonObject request) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/chat/completions"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> deltas(Stream stream, String field) {
        List<String> out = new ArrayList<>();
        for (JsonObject chunk : stream.chunks()) {
            JsonArray choices = chunk.getJsonArray("choices");
            if (choices != null && !choices.isEmpty()
                    && choices.getJsonObject(0).getJsonObject("delta").get(field) instanceof JsonString s) {
                out.add(s.getString());
            }
        }
        return out;
    }

    private static int indexOf(Stream stream, String field, String value) {
        for (int i = 0; i < stream.chunks().size(); i++) {
            JsonArray choices = stream.chunks().get(i).getJsonArray("choices");
            if (choices != null && !choices.isEmpty()
                    && value.equals(choices.getJsonObject(0).getJsonObject("delta").getString(field, null))) {
                return i;
            }
        }
        throw new AssertionError(field + " " + value + " not streamed");
    }

    private static String finishReason(Stream stream) {
        for (JsonObject chunk : stream.chunks()) {
            JsonArray choices = chunk.getJsonArray("choices");
            if (choices != null && !choices.isEmpty()
                    && choices.getJsonObject(0).get("finish_reason") instanceof JsonString s) {
                return s.getString();
            }
        }
        return null;
    }

    private static JsonArray calls(JsonObject completion) {
        return completion.getJsonArray("choices").getJsonObject(0).getJsonObject("message")
                .getJsonArray("tool_calls");
    }

    private static JsonObject arguments(JsonArray calls, int index) {
        return Json.parseObject(calls.getJsonObject(index).getJsonObject("function").getString("arguments"));
    }

    private static List<SseEvent> anthropicStream(TestBridge bridge, String prompt) {
        String body = Json.q("{'model':'claude-sonnet-4-5','max_tokens':1024,'stream':true,"
                + "'system':'Primary working directory: /work/scripted',"
                + "'tools':[{'name':'Bash','input_schema':{'type':'object'}},"
                + "{'name':'" + MCP_TOOL + "','input_schema':{'type':'object'}}],"
                + "'messages':[{'role':'user','content':'" + prompt + "'}]}").toString();
        TestBridge.Response response = bridge.post("/v1/messages?beta=true", body);
        assertEquals(200, response.status(), response.body());
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        return events;
    }

    private static List<JsonObject> blocks(List<SseEvent> events) {
        return events.stream().filter(e -> e.type().equals("content_block_start"))
                .map(e -> e.data().getJsonObject("content_block")).toList();
    }

    private static List<String> blockTypes(List<SseEvent> events) {
        return blocks(events).stream().map(block -> block.getString("type")).toList();
    }

    private static String stopReason(List<SseEvent> events) {
        return events.stream().filter(e -> e.type().equals("message_delta")).findFirst().orElseThrow().data()
                .getJsonObject("delta").getString("stop_reason");
    }

    private static String inputOf(List<SseEvent> events) {
        StringBuilder input = new StringBuilder();
        events.stream().filter(e -> e.type().equals("content_block_delta"))
                .map(e -> e.data().getJsonObject("delta"))
                .filter(delta -> delta.getString("type").equals("input_json_delta"))
                .forEach(delta -> input.append(delta.getString("partial_json")));
        return input.toString();
    }
}
