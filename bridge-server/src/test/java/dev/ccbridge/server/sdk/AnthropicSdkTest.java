package dev.ccbridge.server.sdk;

import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.ServiceUnavailableException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Anthropic Java SDK as the client, the bridge on a real server, the upstream a scripted stub:
 * what the SDK parses (messages, its stream accumulator's rebuilt message, tool inputs, thinking blocks, typed
 * exceptions, token counts) is what a real Anthropic client would see from the bridge.
 */
class AnthropicSdkTest {

    private static final String MODEL = "claude-sonnet-4-5";

    private static UpstreamStub upstream;
    private static TestBridge bridge;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        upstream = UpstreamStub.start();
        bridge = TestBridge.forStub(upstream);
        client = AnthropicOkHttpClient.builder()
                .baseUrl(bridge.baseUrl())
                .apiKey("sdk-test-client-key")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        bridge.close();
        upstream.close();
    }

    @AfterEach
    void everyUpstreamRequestMatchesTheOpenAiSchema() {
        upstream.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        upstream.reset();
    }

    @Test
    void nonStreamingTextIsAFullMessage() {
        upstream.enqueue(UpstreamStub.json(200, completion("{'role':'assistant','content':'Hello from upstream'}",
                "stop", 21, 4)));

        Message message = client.messages().create(params().addUserMessage("Say hello").build());

        assertTrue(message.id().startsWith("msg_"), message.id());
        assertEquals(MODEL, message.model().asString());
        assertEquals(1, message.content().size());
        assertEquals("Hello from upstream", message.content().getFirst().asText().text());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertTrue(message.stopSequence().isEmpty());
        assertEquals(21, message.usage().inputTokens());
        assertEquals(4, message.usage().outputTokens());
        JsonObject sent = upstream.lastRequest().json();
        assertFalse(sent.getBoolean("stream", false));
        assertEquals("Say hello", lastMessage(sent).getString("content"));
    }

    @Test
    void streamAccumulatorRebuildsTheWholeMessage() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("Hello").text(", ").text("world").finish("stop")
                .usage(30, 3).done()));

        Accumulated result = stream(params().addUserMessage("Greet the world").build());

        Message message = result.message();
        assertEquals(MODEL, message.model().asString());
        assertEquals(1, message.content().size());
        assertEquals("Hello, world", message.content().getFirst().asText().text());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(30, message.usage().inputTokens());
        assertEquals(3, message.usage().outputTokens());
        JsonObject sent = upstream.lastRequest().json();
        assertTrue(sent.getBoolean("stream"));
        assertTrue(sent.getJsonObject("stream_options").getBoolean("include_usage"));
    }

    @Test
    void streamStartsWithAnEstimatedInputTokenCount() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("ok").finish("stop").done()));

        Accumulated result = stream(params().addUserMessage("How many tokens is this prompt?").build());

        JsonObject start = result.events().getFirst().data().getJsonObject("message");
        assertTrue(start.getJsonObject("usage").getInt("input_tokens") > 0, start.toString());
        assertTrue(result.message().usage().inputTokens() > 0);
    }

    @Test
    void toolUseWithParsedInputWhenNotStreaming() {
        upstream.enqueue(UpstreamStub.json(200, completion("{'role':'assistant','content':null,'tool_calls':[{'id':"
                + "'call_1','type':'function','function':{'name':'get_weather','arguments':'{\\'city\\':\\'Paris\\'}'}}]}",
                "tool_calls", 50, 12)));

        Message message = client.messages().create(params().addTool(weatherTool())
                .addUserMessage("Weather in Paris?").build());

        assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
        ToolUseBlock use = onlyToolUse(message);
        assertEquals("get_weather", use.name());
        assertTrue(use.id().startsWith("call_") || use.id().startsWith("toolu_"), use.id());
        assertEquals(Map.of("city", "Paris"), use._input().convert(Map.class));
        JsonObject function = upstream.lastRequest().json().getJsonArray("tools").getJsonObject(0)
                .getJsonObject("function");
        assertEquals("get_weather", function.getString("name"));
        assertEquals(List.of("city"), function.getJsonObject("parameters").getJsonArray("required")
                .getValuesAs(JsonString::getString));
    }

    @Test
    void toolUseWithParsedInputWhenStreaming() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream()
                .toolCall(0, "call_7", "get_weather", "")
                .toolArguments(0, "{\"ci").toolArguments(0, "ty\": \"Pa").toolArguments(0, "ris\"}")
                .finish("tool_calls").usage(50, 12).done()));

        Accumulated result = stream(params().addTool(weatherTool()).addUserMessage("Weather in Paris?").build());

        Message message = result.message();
        assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
        ToolUseBlock use = onlyToolUse(message);
        assertEquals("get_weather", use.name());
        assertEquals(Map.of("city", "Paris"), use._input().convert(Map.class));
    }

    @Test
    void parallelToolCallsBecomeTwoToolUseBlocksAndTheirResultsGoBackAsToolMessages() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream()
                .toolCall(0, "call_a", "get_weather", "{\"city\":")
                .toolCall(1, "call_b", "get_time", "{\"tz\":")
                .toolArguments(0, "\"Paris\"}")
                .toolArguments(1, "\"Europe/Paris\"}")
                .finish("tool_calls").usage(60, 20).done()));

        Message first = stream(params().addTool(weatherTool()).addTool(timeTool())
                .addUserMessage("Weather and time in Paris?").build()).message();

        List<ToolUseBlock> uses = first.content().stream().filter(ContentBlock::isToolUse)
                .map(ContentBlock::asToolUse).toList();
        assertEquals(2, uses.size(), first.content().toString());
        assertEquals("get_weather", uses.get(0).name());
        assertEquals(Map.of("city", "Paris"), uses.get(0)._input().convert(Map.class));
        assertEquals("get_time", uses.get(1).name());
        assertEquals(Map.of("tz", "Europe/Paris"), uses.get(1)._input().convert(Map.class));

        upstream.enqueue(UpstreamStub.json(200, completion("{'role':'assistant','content':'Sunny, 14:00'}", "stop",
                90, 5)));
        Message second = client.messages().create(params().addTool(weatherTool()).addTool(timeTool())
                .addUserMessage("Weather and time in Paris?")
                .addMessage(first)
                .addUserMessageOfContentBlockParams(List.of(
                        toolResult(uses.get(0).id(), "sunny"), toolResult(uses.get(1).id(), "14:00")))
                .build());

        assertEquals("Sunny, 14:00", second.content().getFirst().asText().text());
        JsonArray messages = upstream.lastRequest().json().getJsonArray("messages");
        JsonObject assistant = messages.getJsonObject(messages.size() - 3);
        assertEquals("assistant", assistant.getString("role"));
        JsonArray calls = assistant.getJsonArray("tool_calls");
        assertEquals(2, calls.size());
        assertEquals(Json.q("{'city':'Paris'}"),
                Json.parseObject(calls.getJsonObject(0).getJsonObject("function").getString("arguments")));
        JsonObject weatherResult = messages.getJsonObject(messages.size() - 2);
        JsonObject timeResult = messages.getJsonObject(messages.size() - 1);
        assertEquals("tool", weatherResult.getString("role"));
        assertEquals(calls.getJsonObject(0).getString("id"), weatherResult.getString("tool_call_id"));
        assertTrue(weatherResult.toString().contains("sunny"), weatherResult.toString());
        assertEquals(calls.getJsonObject(1).getString("id"), timeResult.getString("tool_call_id"));
        assertTrue(timeResult.toString().contains("14:00"), timeResult.toString());
    }

    @Test
    void reasoningBecomesASignedThinkingBlockThatGoesBackUpstreamNextTurn() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().reasoning("The user wants ").reasoning("a number.")
                .text("42").finish("stop").usage(40, 9).done()));

        Message first = stream(params().enabledThinking(2048).addUserMessage("Pick a number").build()).message();

        assertEquals(2, first.content().size(), first.content().toString());
        ThinkingBlock thinking = first.content().get(0).asThinking();
        assertEquals("The user wants a number.", thinking.thinking());
        assertFalse(thinking.signature().isBlank());
        assertEquals("42", first.content().get(1).asText().text());

        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("Done").finish("stop").usage(60, 1).done()));
        stream(params().enabledThinking(2048).addUserMessage("Pick a number").addMessage(first)
                .addUserMessage("Another one").build());

        JsonArray messages = upstream.lastRequest().json().getJsonArray("messages");
        JsonObject assistant = messages.getJsonObject(messages.size() - 2);
        assertEquals("assistant", assistant.getString("role"));
        assertEquals("The user wants a number.", assistant.getString("reasoning_content"));
        assertTrue(assistant.toString().contains("42"), assistant.toString());
    }

    @Test
    void reasoningInANonStreamedCompletionBecomesAThinkingBlock() {
        upstream.enqueue(UpstreamStub.json(200, completion(
                "{'role':'assistant','content':'Paris','reasoning_content':'Capital of France.'}", "stop", 20, 6)));

        Message message = client.messages().create(params().enabledThinking(2048)
                .addUserMessage("Capital of France?").build());

        assertEquals("Capital of France.", message.content().get(0).asThinking().thinking());
        assertFalse(message.content().get(0).asThinking().signature().isBlank());
        assertEquals("Paris", message.content().get(1).asText().text());
    }

    static Stream<Arguments> upstreamErrors() {
        return Stream.of(
                Arguments.of(400, BadRequestException.class, ErrorType.INVALID_REQUEST_ERROR),
                Arguments.of(401, UnauthorizedException.class, ErrorType.AUTHENTICATION_ERROR),
                Arguments.of(403, PermissionDeniedException.class, ErrorType.PERMISSION_ERROR),
                Arguments.of(404, NotFoundException.class, ErrorType.NOT_FOUND_ERROR),
                Arguments.of(429, RateLimitException.class, ErrorType.RATE_LIMIT_ERROR),
                Arguments.of(500, InternalServerException.class, ErrorType.API_ERROR),
                Arguments.of(503, ServiceUnavailableException.class, ErrorType.OVERLOADED_ERROR),
                Arguments.of(529, OverloadedException.class, ErrorType.OVERLOADED_ERROR));
    }

    @ParameterizedTest(name = "upstream {0} -> {1}")
    @MethodSource("upstreamErrors")
    void upstreamErrorsBecomeTheSdksTypedExceptions(int status, Class<? extends AnthropicServiceException> type,
                                                    ErrorType errorType) {
        for (boolean streaming : new boolean[] {false, true}) {
            upstream.enqueue(UpstreamStub.json(status, "{\"error\":{\"message\":\"scripted failure " + status
                    + "\",\"type\":\"upstream_error\"}}", Map.of("retry-after", "7")));
            MessageCreateParams request = params().addUserMessage("fail please").build();

            AnthropicServiceException thrown = assertThrows(AnthropicServiceException.class, () -> {
                if (streaming) {
                    stream(request);
                } else {
                    client.messages().create(request);
                }
            });

            String where = (streaming ? "streaming " : "") + "upstream " + status;
            assertInstanceOf(type, thrown, where);
            assertEquals(status, thrown.statusCode(), where);
            assertEquals(errorType, thrown.errorType().orElseThrow(), where);
            String message = thrown.apiMessage().orElseThrow();
            assertTrue(message.contains("scripted failure " + status), where + ": " + message);
            assertTrue(message.contains("upstream"), where + ": " + message);
            assertTrue(thrown.requestId().isPresent(), where);
            if (status == 429) {
                assertEquals(List.of("7"), thrown.headers().values("retry-after"), where);
            }
        }
    }

    @Test
    void midStreamUpstreamErrorSurfacesAsTheSdksStreamError() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("The answer").text(" is")
                .error("server_error", "The server had an error while processing your request").withoutDone()));
        List<RawMessageStreamEvent> received = new ArrayList<>();

        SseException thrown = assertThrows(SseException.class, () -> {
            try (StreamResponse<RawMessageStreamEvent> response = client.messages()
                    .createStreaming(params().addUserMessage("Answer").build())) {
                response.stream().forEach(received::add);
            }
        });

        assertTrue(thrown.apiMessage().orElseThrow().contains("The server had an error"), thrown.toString());
        assertEquals(ErrorType.API_ERROR, thrown.errorType().orElseThrow());
        assertTrue(received.getFirst().isMessageStart());
        List<SseEvent> events = new ArrayList<>(received.stream().map(AnthropicSdkTest::asSseEvent).toList());
        events.add(new SseEvent("error", Json.parseObject(jsonText(thrown.body()))));
        AnthropicStreamGrammar.check(events);
    }

    @Test
    void countTokensIsPositiveAndGrowsWithSystemAndTools() {
        long plain = client.messages().countTokens(countParams().build()).inputTokens();
        long withSystem = client.messages().countTokens(countParams()
                .system("You are a meticulous assistant who answers in full sentences.").build()).inputTokens();
        long withTools = client.messages().countTokens(countParams()
                .system("You are a meticulous assistant who answers in full sentences.")
                .addTool(weatherTool()).build()).inputTokens();

        assertTrue(plain > 5 && plain < 100, "plain: " + plain);
        assertTrue(withSystem > plain, withSystem + " > " + plain);
        assertTrue(withTools > withSystem, withTools + " > " + withSystem);
        assertTrue(upstream.requests().isEmpty(), "count_tokens is answered locally");
    }

    private static MessageCreateParams.Builder params() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(1024);
    }

    private static MessageCountTokensParams.Builder countParams() {
        return MessageCountTokensParams.builder().model(MODEL)
                .addUserMessage("What is the weather like in Paris today?");
    }

    private static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                                .build())
                        .addRequired("city")
                        .build())
                .build();
    }

    private static Tool timeTool() {
        return Tool.builder()
                .name("get_time")
                .description("Current time in a time zone")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("tz", JsonValue.from(Map.of("type", "string")))
                                .build())
                        .addRequired("tz")
                        .build())
                .build();
    }

    private static ContentBlockParam toolResult(String toolUseId, String content) {
        return ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(toolUseId).content(content)
                .build());
    }

    private static ToolUseBlock onlyToolUse(Message message) {
        List<ToolUseBlock> uses = message.content().stream().filter(ContentBlock::isToolUse)
                .map(ContentBlock::asToolUse).toList();
        assertEquals(1, uses.size(), message.content().toString());
        return uses.getFirst();
    }

    private static JsonObject lastMessage(JsonObject request) {
        JsonArray messages = request.getJsonArray("messages");
        return messages.getJsonObject(messages.size() - 1);
    }

    /**
     * A non-streamed chat completion.
     *
     * @param message    the assistant message, single-quoted JSON
     * @param finish     the finish reason
     * @param prompt     prompt tokens
     * @param completion completion tokens
     * @return the body
     */
    static String completion(String message, String finish, int prompt, int completion) {
        return "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1767225600,"
                + "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":" + Json.q(message)
                + ",\"finish_reason\":\"" + finish + "\"}],\"usage\":{\"prompt_tokens\":" + prompt
                + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}";
    }

    /** What the SDK received from one stream: its events, checked against the grammar, and the rebuilt message. */
    private record Accumulated(List<SseEvent> events, Message message) {
    }

    private static Accumulated stream(MessageCreateParams request) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<SseEvent> events = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> response = client.messages().createStreaming(request)) {
            response.stream().forEach(event -> {
                accumulator.accumulate(event);
                events.add(asSseEvent(event));
            });
        }
        AnthropicStreamGrammar.check(events);
        return new Accumulated(events, accumulator.message());
    }

    /** The event as the SDK parsed it, written back as JSON with the SDK's own mapper. */
    private static SseEvent asSseEvent(RawMessageStreamEvent event) {
        JsonObject data = Json.parseObject(jsonText(event));
        return new SseEvent(data.getString("type"), data);
    }

    private static String jsonText(Object value) {
        try {
            return ObjectMappers.jsonMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
