package dev.ccbridge.server.soak;

import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.UpstreamStub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One kind of exchange in the soak mix: what the client asks, how the stub upstream answers, and what the client
 * must get. The stub finds the scenario from a marker in the translated request ({@code soak:NAME}), so the
 * reply does not depend on which connection or thread the request came in on.
 */
enum Scenario {

    /** A streamed answer in several chunks: a complete stream ending in end_turn. */
    STREAMED_TEXT(30, true, Expect.STREAM_COMPLETE),
    /** A streamed tool call in pieces: a complete stream ending in tool_use. */
    STREAMED_TOOL_CALL(10, true, Expect.STREAM_COMPLETE),
    /** A non-streamed answer: a complete message. */
    MESSAGE(25, false, Expect.MESSAGE),
    /** The upstream answers 500: an HTTP api_error. */
    UPSTREAM_500(4, false, Expect.HTTP_ERROR),
    /** The upstream answers 429 with retry-after to a streaming request: an HTTP rate_limit_error, nothing sent. */
    UPSTREAM_429(4, true, Expect.HTTP_ERROR),
    /** The upstream answers 502 with an HTML page: an HTTP api_error. */
    UPSTREAM_HTML_502(3, false, Expect.HTTP_ERROR),
    /** An in-band error after some text: the stream ends with an error event. */
    MIDSTREAM_ERROR(4, true, Expect.STREAM_ERROR),
    /**
     * The upstream resets the connection shortly after some chunks: the stream ends with an error event, or, when
     * the reset overtakes the chunks (a reset may discard data not yet read), nothing was sent and an HTTP error
     * answers.
     */
    RESET_MID_STREAM(4, true, Expect.STREAM_OR_HTTP_ERROR),
    /** A chunk that is not JSON after some text: the stream ends with an error event. */
    MALFORMED_CHUNK(4, true, Expect.STREAM_ERROR),
    /** The body ends without a finish reason or [DONE]: the stream ends with an error event. */
    TRUNCATED(4, true, Expect.STREAM_ERROR),
    /** The client reads the first bytes of a slow stream and hangs up: the bridge must let the upstream go. */
    CLIENT_DISCONNECT(4, true, Expect.CLIENT_LEAVES),
    /** A non-streamed request whose upstream resets before the body ends: an HTTP error. */
    RESET_BEFORE_BODY(4, false, Expect.HTTP_ERROR);

    /** What the client must see. */
    enum Expect {
        /** 200, a stream that passes the grammar and ends with message_stop. */
        STREAM_COMPLETE,
        /** 200, a stream that passes the grammar and ends with an error event. */
        STREAM_ERROR,
        /** Either {@link #STREAM_ERROR} or {@link #HTTP_ERROR}. */
        STREAM_OR_HTTP_ERROR,
        /** 200, a message JSON. */
        MESSAGE,
        /** An error status with an Anthropic error envelope. */
        HTTP_ERROR,
        /** The client leaves; nothing to check on its side. */
        CLIENT_LEAVES
    }

    static final String ANSWER = "The quick brown fox jumps over the lazy dog.";
    static final String TOOL_INPUT = "{\"command\":\"ls -la /tmp\",\"timeout\":30}";

    private final int weight;
    private final boolean streaming;
    private final Expect expect;

    Scenario(int weight, boolean streaming, Expect expect) {
        this.weight = weight;
        this.streaming = streaming;
        this.expect = expect;
    }

    boolean streaming() {
        return streaming;
    }

    Expect expect() {
        return expect;
    }

    /**
     * @param n a request counter
     * @return the scenario of request {@code n}, so that the mix follows the weights
     */
    static Scenario forRequest(long n) {
        int total = 0;
        for (Scenario scenario : values()) {
            total += scenario.weight;
        }
        long slot = Math.floorMod(n * 7919, total);
        for (Scenario scenario : values()) {
            slot -= scenario.weight;
            if (slot < 0) {
                return scenario;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * @param n a request counter, to make bodies differ
     * @return the client's request body
     */
    String request(long n) {
        return """
                {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":%s,
                 "tools":[{"name":"Bash","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}}],
                 "messages":[{"role":"user","content":"soak:%s request %d"}]}"""
                .formatted(streaming, name(), n);
    }

    /**
     * @param request what the stub received
     * @return the stub's reply to it
     */
    static UpstreamStub.Reply reply(UpstreamStub.Recorded request) {
        int at = request.body().indexOf("soak:");
        if (at < 0) {
            return UpstreamStub.json(400, "{\"error\":{\"message\":\"no soak marker\",\"type\":\"invalid_request_error\"}}");
        }
        int end = at + 5;
        while (end < request.body().length() && (Character.isUpperCase(request.body().charAt(end))
                || request.body().charAt(end) == '_' || Character.isDigit(request.body().charAt(end)))) {
            end++;
        }
        return valueOf(request.body().substring(at + 5, end)).reply();
    }

    private UpstreamStub.Reply reply() {
        return switch (this) {
            case STREAMED_TEXT -> UpstreamStub.sse(textStream().finish("stop").usage(20, 12).done());
            case STREAMED_TOOL_CALL -> UpstreamStub.sse(OpenAiSse.stream()
                    .toolCall(0, "call_soak", "Bash", TOOL_INPUT.substring(0, 12))
                    .toolArguments(0, TOOL_INPUT.substring(12, 30))
                    .toolArguments(0, TOOL_INPUT.substring(30))
                    .finish("tool_calls").usage(30, 9).done());
            case MESSAGE -> UpstreamStub.json(200, """
                    {"id":"chatcmpl-soak","object":"chat.completion","created":1767225600,"model":"gpt-test",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":20,"completion_tokens":12,"total_tokens":32}}""".formatted(ANSWER));
            case UPSTREAM_500 -> UpstreamStub.json(500,
                    "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");
            case UPSTREAM_429 -> UpstreamStub.json(429,
                    "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                    Map.of("retry-after", "7"));
            case UPSTREAM_HTML_502 -> new UpstreamStub.Whole(502, "text/html",
                    "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", Map.of());
            case MIDSTREAM_ERROR -> UpstreamStub.sse(textStream()
                    .raw("{\"error\":{\"message\":\"Internal server error\",\"type\":\"server_error\"}}").done());
            case RESET_MID_STREAM -> new UpstreamStub.Streamed(200, "text/event-stream",
                    UpstreamStub.events(textStream().withoutDone()), Duration.ZERO, Map.of(), true,
                    Duration.ofMillis(50));
            case MALFORMED_CHUNK -> new UpstreamStub.Streamed(200, "text/event-stream",
                    List.of(textStream().withoutDone(), "data: {\"choices\":[{\"delta\":\n\n",
                            OpenAiSse.continued().finish("stop").done()),
                    Duration.ZERO, Map.of(), false, Duration.ZERO);
            case TRUNCATED -> UpstreamStub.sse(textStream().withoutDone());
            case CLIENT_DISCONNECT -> {
                List<String> pieces = new ArrayList<>();
                pieces.add(OpenAiSse.stream().text("first").withoutDone());
                for (int i = 0; i < 30; i++) {
                    pieces.add(OpenAiSse.continued().text(" more").withoutDone());
                }
                pieces.add(OpenAiSse.continued().finish("stop").done());
                yield new UpstreamStub.Streamed(200, "text/event-stream", pieces, Duration.ofMillis(20), Map.of(),
                        false, Duration.ZERO);
            }
            case RESET_BEFORE_BODY -> new UpstreamStub.Streamed(200, "application/json",
                    List.of("{\"id\":\"chatcmpl-soak\",\"choices\":["), Duration.ZERO, Map.of(), true, Duration.ZERO);
        };
    }

    private static OpenAiSse textStream() {
        OpenAiSse sse = OpenAiSse.stream();
        for (String word : ANSWER.split("(?<= )")) {
            sse.text(word);
        }
        return sse;
    }
}
