package dev.ccbridge.server.fuzz;

import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JSON number whose exponent does not fit an int ({@code 1e99999999999}) is valid JSON that no BigDecimal can
 * hold. The request fuzzer found that Parsson throws a {@link NumberFormatException} for it, which every
 * {@code catch (JsonException e)} around a JSON read let through; the bridge's reader refuses it as a
 * {@link jakarta.json.stream.JsonParsingException}. Anyone can send it; these are the places it arrives, end to
 * end.
 */
class HugeNumbersTest {

    private static final String HUGE = "1e99999999999";
    private static UpstreamStub upstream;
    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        upstream = UpstreamStub.start();
        bridge = TestBridge.forStub(upstream);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        upstream.close();
    }

    @Test
    void inTheRequestBodyIsAnInvalidRequest() {
        TestBridge.Response response = bridge.post("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":%s,"messages":[{"role":"user","content":"Hi"}]}"""
                .formatted(HUGE));

        assertEquals(400, response.status(), response.body());
        assertEquals("invalid_request_error", Json.parseObject(response.body()).getJsonObject("error")
                .getString("type"));
    }

    @Test
    void inTheSessionIdOfTheUserIdIsIgnored() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("Hello").finish("stop").usage(5, 1).done()));

        TestBridge.Response response = bridge.post("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,
                 "metadata":{"user_id":"{\\"session_id\\":%s}"},
                 "messages":[{"role":"user","content":"Hi"}]}""".formatted(HUGE));

        assertEquals(200, response.status(), response.body());
        AnthropicStreamGrammar.check(response.events());
    }

    @Test
    void inAStreamedChunkEndsTheStreamWithAnError() {
        upstream.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("Hello")
                .raw("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":" + HUGE + "}}").done()));

        TestBridge.Response response = bridge.post("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,
                 "messages":[{"role":"user","content":"Hi"}]}""");

        assertEquals(200, response.status(), response.body());
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        assertEquals("error", events.getLast().type());
    }

    @Test
    void inAnUpstreamErrorBodyKeepsTheUpstreamStatus() {
        upstream.enqueue(UpstreamStub.json(429, "{\"error\":{\"message\":\"slow down\",\"code\":" + HUGE + "}}"));

        TestBridge.Response response = bridge.post("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hi"}]}""");

        assertEquals(429, response.status(), response.body());
        assertEquals("rate_limit_error", Json.parseObject(response.body()).getJsonObject("error").getString("type"));
    }

    @Test
    void inACompletionIsAnUpstreamError() {
        upstream.enqueue(UpstreamStub.json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","model":"m",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%s,"completion_tokens":1}}""".formatted(HUGE)));

        TestBridge.Response response = bridge.post("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hi"}]}""");

        JsonObject body = Json.parseObject(response.body());
        assertEquals("error", body.getString("type"), response.body());
        assertEquals(502, response.status(), response.body());
    }
}
