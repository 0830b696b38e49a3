package dev.ccbridge.server.fuzz;

import dev.ccbridge.server.json.JsonFactories;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds OpenAI-compatible SSE bodies from fuzzer data: chunks with roles, content (as a string or as Mistral's
 * content parts), reasoning in any of the three fields, refusals, tool-call pieces with or without index, id and
 * name and with interleaved indices, every finish reason, usage in any place, in-band errors in three dialects,
 * comments, unknown fields and events, malformed lines, multi-line data, three kinds of line ending, and
 * {@code [DONE]} or not. Tool arguments are slices of JSON objects sent in order, as upstreams send them.
 */
final class OpenAiStreams {

    private static final JsonBuilderFactory JSON = JsonFactories.BUILDERS;

    private static final List<String> TEXTS = List.of("Hello", " ", "\n\n", "world.", "caf\u00e9 ",
            "\uD83D\uDE80 launch", "\u4e2d\u6587", "data: [DONE]", "\r\n", "\u2028", "STOP", "\n\nHuman:", "\"quoted\"",
            "");
    private static final List<String> ARGUMENTS = List.of("{\"command\":\"ls -la\"}",
            "{\"file_path\":\"/tmp/caf\u00e9.txt\",\"limit\":20}",
            "{\"a\":{\"b\":[1,2,{\"c\":\"\u00e9\\\"x\\\\\"}]},\"n\":-1.5e3,\"t\":true,\"z\":null}", "{}",
            " {\"spaced\" : [ ] } ");
    private static final List<String> FINISH_REASONS = List.of("stop", "length", "tool_calls", "content_filter",
            "error", "network_error", "sensitive", "function_call", "eos", "");
    private static final List<String> ERROR_TYPES = List.of("server_error", "rate_limit_exceeded",
            "context_length_exceeded", "overloaded_error", "invalid_request_error", "RESOURCE_EXHAUSTED");
    private static final List<String> LINE_ENDINGS = List.of("\n", "\n", "\r\n", "\r");

    private OpenAiStreams() {
    }

    /**
     * @param data the fuzzer's data
     * @return an SSE body
     */
    static String body(FuzzedDataProvider data) {
        Map<Integer, Integer> argumentCursors = new HashMap<>();
        Map<Integer, String> arguments = new HashMap<>();
        StringBuilder sse = new StringBuilder();
        int events = data.consumeInt(0, 20);
        for (int i = 0; i < events; i++) {
            String eol = data.pickValue(LINE_ENDINGS);
            String field = data.consumeBoolean() ? "data: " : "data:";
            switch (data.consumeInt(0, 19)) {
                case 0 -> sse.append(field).append("[DONE]").append(eol);
                case 1 -> sse.append(':').append(data.pickValue(List.of(" keep-alive", " OPENROUTER PROCESSING", "")))
                        .append(eol);
                case 2 -> sse.append(error(data, eol, field));
                case 3 -> sse.append(data.pickValue(List.of("id: 7", "retry: 1000", "event: ping",
                        "event: completion", "x-unknown: field", "data"))).append(eol);
                case 4 -> sse.append(field).append(data.pickValue(List.of("{\"choices\":[", "not json", "[1,2]",
                        "{\"choices\":[]} trailing", "\"text\"", "{}"))).append(eol);
                case 5 -> sse.append(data.consumeString(24)).append(eol);
                case 6 -> {
                    String chunk = chunk(data, arguments, argumentCursors);
                    int cut = chunk.indexOf(',', data.consumeInt(0, chunk.length()));
                    if (cut > 0) {
                        sse.append(field).append(chunk, 0, cut + 1).append(eol).append(field)
                                .append(chunk, cut + 1, chunk.length()).append(eol);
                    } else {
                        sse.append(field).append(chunk).append(eol);
                    }
                }
                default -> sse.append(field).append(chunk(data, arguments, argumentCursors)).append(eol);
            }
            if (data.consumeInt(0, 7) != 0) {
                sse.append(eol);
            }
        }
        if (data.consumeBoolean()) {
            sse.append("data: [DONE]\n\n");
        }
        return sse.toString();
    }

    private static String chunk(FuzzedDataProvider data, Map<Integer, String> arguments,
                                Map<Integer, Integer> cursors) {
        JsonObjectBuilder chunk = JSON.createObjectBuilder()
                .add("id", "chatcmpl-fuzz").add("object", "chat.completion.chunk").add("created", 1767225600)
                .add("model", "fuzz-model");
        JsonObjectBuilder choice = JSON.createObjectBuilder().add("index", 0);
        JsonObjectBuilder delta = JSON.createObjectBuilder();
        int parts = data.consumeInt(0, 3);
        for (int i = 0; i < parts; i++) {
            switch (data.consumeInt(0, 9)) {
                case 0 -> delta.add("role", "assistant");
                case 1, 2 -> delta.add("content", text(data));
                case 3 -> delta.add("content", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder().add("type", data.consumeBoolean() ? "text" : "thinking")
                                .add("text", text(data))));
                case 4 -> delta.add("reasoning_content", text(data));
                case 5 -> delta.add("reasoning", text(data));
                case 6 -> delta.add("reasoning_details", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("type", "reasoning.text").add("text", text(data))));
                case 7 -> delta.add("refusal", text(data));
                default -> delta.add("tool_calls", toolCalls(data, arguments, cursors));
            }
        }
        if (data.consumeInt(0, 15) == 0) {
            delta.add("content", JsonValue.NULL);
        }
        choice.add("delta", delta);
        switch (data.consumeInt(0, 5)) {
            case 0 -> choice.add("finish_reason", data.pickValue(FINISH_REASONS));
            case 1 -> choice.addNull("finish_reason");
            default -> {
            }
        }
        if (data.consumeInt(0, 15) == 0) {
            choice.add("stop_reason", data.pickValue(List.of("STOP", "\n\nHuman:", "other")));
        }
        if (data.consumeInt(0, 15) == 0) {
            choice.add("usage", usage(data));
        }
        switch (data.consumeInt(0, 11)) {
            case 0 -> chunk.add("choices", JsonValue.EMPTY_JSON_ARRAY);
            case 1 -> chunk.add("choices", JSON.createArrayBuilder().add(choice).add(JSON.createObjectBuilder()
                    .add("index", 1).add("delta", JSON.createObjectBuilder().add("content", "second choice"))));
            default -> chunk.add("choices", JSON.createArrayBuilder().add(choice));
        }
        switch (data.consumeInt(0, 7)) {
            case 0 -> chunk.add("usage", usage(data));
            case 1 -> chunk.addNull("usage");
            default -> {
            }
        }
        if (data.consumeInt(0, 15) == 0) {
            chunk.add("x_unknown", JSON.createObjectBuilder().add("nested", true));
        }
        return chunk.build().toString();
    }

    private static JsonArrayBuilder toolCalls(FuzzedDataProvider data, Map<Integer, String> arguments,
                                              Map<Integer, Integer> cursors) {
        JsonArrayBuilder calls = JSON.createArrayBuilder();
        int count = data.consumeInt(1, 2);
        for (int i = 0; i < count; i++) {
            int index = data.consumeInt(0, 3);
            JsonObjectBuilder call = JSON.createObjectBuilder();
            if (data.consumeInt(0, 7) != 0) {
                call.add("index", index);
            }
            if (data.consumeBoolean()) {
                call.add("id", data.pickValue(List.of("call_" + index, "call_0", "", "toolu_x")));
            }
            if (data.consumeInt(0, 5) == 0) {
                call.add("type", "function");
            }
            JsonObjectBuilder function = JSON.createObjectBuilder();
            if (data.consumeBoolean()) {
                function.add("name", data.pickValue(List.of("Bash", "Read", "", "mcp_thing",
                        StreamPipeline.ALIASES.get(0), "tool_with_dots_" + index)));
            }
            String target = arguments.computeIfAbsent(index, k -> data.pickValue(ARGUMENTS));
            int from = cursors.getOrDefault(index, 0);
            int to = Math.min(target.length(), from + data.consumeInt(0, 12));
            switch (data.consumeInt(0, 11)) {
                case 0 -> function.add("arguments", JSON.createObjectBuilder().add("inline", "object"));
                case 1 -> function.addNull("arguments");
                default -> {
                    function.add("arguments", target.substring(from, to));
                    cursors.put(index, to);
                }
            }
            call.add("function", function);
            calls.add(call);
        }
        return calls;
    }

    private static JsonObjectBuilder usage(FuzzedDataProvider data) {
        JsonObjectBuilder usage = JSON.createObjectBuilder()
                .add("prompt_tokens", data.consumeInt(-1, 200000))
                .add("completion_tokens", data.consumeInt(-1, 100000));
        if (data.consumeBoolean()) {
            usage.add("total_tokens", data.consumeInt());
        }
        if (data.consumeBoolean()) {
            usage.add("prompt_tokens_details", JSON.createObjectBuilder().add("cached_tokens", data.consumeInt()));
        }
        if (data.consumeBoolean()) {
            usage.add("completion_tokens_details",
                    JSON.createObjectBuilder().add("reasoning_tokens", data.consumeInt(0, 5000)));
        }
        return usage;
    }

    private static String error(FuzzedDataProvider data, String eol, String dataField) {
        JsonObjectBuilder error = JSON.createObjectBuilder().add("message", text(data));
        if (data.consumeBoolean()) {
            error.add("type", data.pickValue(ERROR_TYPES));
        }
        if (data.consumeBoolean()) {
            error.add("code", data.consumeBoolean() ? JsonFactories.string(data.pickValue(ERROR_TYPES))
                    : JSON.createArrayBuilder().add(data.consumeInt(0, 600)).build().get(0));
        }
        String object = error.build().toString();
        return switch (data.consumeInt(0, 3)) {
            case 0 -> "event: error" + eol + dataField + object + eol;
            case 1 -> "event: error" + eol + dataField + text(data) + eol;
            case 2 -> "error: " + object + eol;
            default -> dataField + "{\"error\":" + object + "}" + eol;
        };
    }

    private static String text(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(TEXTS) : data.consumeString(12);
    }
}
