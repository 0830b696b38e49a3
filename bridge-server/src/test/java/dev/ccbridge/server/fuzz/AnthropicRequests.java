package dev.ccbridge.server.fuzz;

import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.translate.ThinkingSignature;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * Builds Anthropic Messages requests from fuzzer data, shaped the way Claude Code and the SDKs shape them, and
 * then bent: roles in any order (system turns included), every block type, tool_use and tool_result paired,
 * reordered or orphaned, tool names too long or full of odd characters, images and documents of every source,
 * thinking with the bridge's own signature or a foreign one, odd tool schemas, every tool_choice, now and then a
 * value of the wrong JSON type. Most requests read; many are refused with a validation error, which is fine.
 */
final class AnthropicRequests {

    private static final JsonBuilderFactory JSON = JsonFactories.BUILDERS;

    private static final List<String> TOOL_NAMES = List.of("Bash", "Read", "Edit", "ToolSearch",
            "mcp__claude_in_chrome__take_screenshot_of_the_currently_open_browser_tab_please",
            "mcp__github__create_or_update_file", "tool.with.dots", "with space", "ünïcödé_tool", "", "a",
            "x".repeat(64), "y".repeat(65), "slash/name", "emoji_\uD83D\uDE00", "web_search");
    private static final List<String> TOOL_IDS = List.of("toolu_01A", "toolu_01B", "call_3", "", "toolu_01A ",
            "id\nwith\nnewlines");
    private static final List<String> TEXTS = List.of("Hello", "", " ", "\n\n", "List the files here.",
            "x-anthropic-billing-header: cc_version=2.1.329; cc_entrypoint=cli;",
            "<system-reminder>\nContext follows.\n</system-reminder>", "caf\u00e9 \uD83D\uDE80 \u4e2d\u6587",
            "\u0000control\u001fchars", "\uD800 lone surrogate");
    private static final List<String> MEDIA_TYPES = List.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "application/pdf", "text/plain", "");
    private static final List<String> SIGNATURES = List.of(
            new ThinkingSignature(GenericUpstreams.NAME, "reasoning_content").encode(),
            new ThinkingSignature(GenericUpstreams.NAME, "reasoning").encode(),
            new ThinkingSignature(GenericUpstreams.NAME, "reasoning_details").encode(),
            new ThinkingSignature("another-upstream", "reasoning_content").encode(),
            "ccbridge.v1.", "ccbridge.v1.fuzz.", "ccbridge.v1..x", "EqQBCkYIBxgCKkD0foreignAnthropicSignature==", "");
    private static final List<String> SCHEMAS = List.of(
            "{}",
            "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"}},\"required\":[\"command\"]}",
            "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                    + "\"properties\":{\"n\":{\"type\":\"number\",\"exclusiveMinimum\":0}},"
                    + "\"additionalProperties\":false}",
            "{\"properties\":{\"a\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}}}",
            "{\"type\":\"object\",\"$defs\":{\"n\":{\"type\":\"integer\"}},\"properties\":{\"x\":{\"$ref\":\"#/$defs/n\"}}}",
            "{\"type\":\"string\"}",
            "{\"type\":[\"object\",\"null\"],\"properties\":{}}",
            "{\"type\":\"object\",\"properties\":{\"deep\":{\"type\":\"object\",\"properties\":{\"deeper\":"
                    + "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"format\":\"uri\",\"default\":{}}}}}}}");

    private AnthropicRequests() {
    }

    /**
     * @param data the fuzzer's data
     * @return a request body
     */
    static JsonObject request(FuzzedDataProvider data) {
        JsonObjectBuilder request = JSON.createObjectBuilder();
        if (data.consumeInt(0, 15) != 0) {
            request.add("model", data.pickValue(List.of("claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5")));
        } else {
            request.add("model", odd(data));
        }
        switch (data.consumeInt(0, 6)) {
            case 0 -> {
            }
            case 1 -> request.add("max_tokens", data.consumeInt());
            case 2 -> request.add("max_tokens", odd(data));
            default -> request.add("max_tokens", data.pickValue(List.of(1, 1024, 32000, 64000, 128000)));
        }
        system(data, request);
        request.add("messages", messages(data));
        if (data.consumeBoolean()) {
            request.add("tools", tools(data));
        }
        if (data.consumeBoolean()) {
            request.add("tool_choice", toolChoice(data));
        }
        if (data.consumeBoolean()) {
            request.add("thinking", thinking(data));
        }
        if (data.consumeBoolean()) {
            request.add("output_config", outputConfig(data));
        }
        if (data.consumeBoolean()) {
            request.add("stop_sequences", strings(data, 6));
        }
        if (data.consumeBoolean()) {
            request.add("temperature", number(data));
        }
        if (data.consumeBoolean()) {
            request.add("top_p", number(data));
        }
        if (data.consumeBoolean()) {
            request.add("top_k", data.consumeBoolean() ? data.consumeInt(-5, 500) : data.consumeInt());
        }
        if (data.consumeBoolean()) {
            request.add("metadata", metadata(data));
        }
        if (data.consumeBoolean()) {
            request.add("stream", data.consumeBoolean());
        }
        if (data.consumeBoolean()) {
            request.add(data.pickValue(List.of("context_management", "betas", "service_tier", "container",
                    "mcp_servers", "speed")), odd(data));
        }
        return request.build();
    }

    private static void system(FuzzedDataProvider data, JsonObjectBuilder request) {
        switch (data.consumeInt(0, 4)) {
            case 0 -> {
            }
            case 1 -> request.add("system", text(data));
            case 2 -> request.add("system", odd(data));
            default -> {
                JsonArrayBuilder blocks = JSON.createArrayBuilder();
                int count = data.consumeInt(0, 4);
                for (int i = 0; i < count; i++) {
                    JsonObjectBuilder block = JSON.createObjectBuilder()
                            .add("type", data.consumeInt(0, 7) == 0 ? "image" : "text")
                            .add("text", text(data));
                    if (data.consumeBoolean()) {
                        block.add("cache_control", JSON.createObjectBuilder().add("type", "ephemeral"));
                    }
                    blocks.add(block);
                }
                request.add("system", blocks);
            }
        }
    }

    private static JsonValue messages(FuzzedDataProvider data) {
        if (data.consumeInt(0, 31) == 0) {
            return odd(data);
        }
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        int count = data.consumeInt(0, 10);
        for (int i = 0; i < count; i++) {
            String role = data.consumeInt(0, 31) == 0 ? data.consumeString(8)
                    : data.pickValue(List.of("user", "assistant", "user", "assistant", "system"));
            JsonObjectBuilder message = JSON.createObjectBuilder().add("role", role);
            switch (data.consumeInt(0, 9)) {
                case 0 -> message.add("content", text(data));
                case 1 -> message.add("content", odd(data));
                case 2 -> {
                }
                default -> message.add("content", blocks(data, role.equals("assistant"), 5));
            }
            messages.add(message);
        }
        return messages.build();
    }

    private static JsonArrayBuilder blocks(FuzzedDataProvider data, boolean assistant, int max) {
        JsonArrayBuilder blocks = JSON.createArrayBuilder();
        int count = data.consumeInt(0, max);
        for (int i = 0; i < count; i++) {
            blocks.add(block(data, assistant, 2));
        }
        return blocks;
    }

    private static JsonValue block(FuzzedDataProvider data, boolean assistant, int depth) {
        int kind = data.consumeInt(0, 13);
        if (assistant && kind < 4) {
            kind = 20 + kind % 2;
        }
        JsonObjectBuilder block = JSON.createObjectBuilder();
        switch (kind) {
            case 0, 1, 2 -> block.add("type", "tool_result").add("tool_use_id", data.pickValue(TOOL_IDS));
            case 3 -> block.add("type", "image").add("source", source(data));
            case 4 -> {
                block.add("type", "document").add("source", source(data));
                if (data.consumeBoolean()) {
                    block.add("title", text(data));
                }
            }
            case 5 -> block.add("type", "tool_reference").add("tool_name", toolName(data));
            case 6 -> block.add("type", "redacted_thinking").add("data", "EmwKAhgBEgy3va3pzix/LafPsn4a");
            case 7 -> block.add("type", data.pickValue(List.of("server_tool_use", "web_search_tool_result",
                    "container_upload", "mcp_tool_use", data.consumeString(10))));
            case 8 -> {
                return odd(data);
            }
            case 20 -> block.add("type", "tool_use").add("id", data.pickValue(TOOL_IDS)).add("name", toolName(data))
                    .add("input", data.consumeInt(0, 7) == 0 ? odd(data) : toolInput(data));
            case 21 -> {
                block.add("type", "thinking").add("thinking", text(data));
                if (data.consumeBoolean()) {
                    block.add("signature", data.pickValue(SIGNATURES));
                }
            }
            default -> block.add("type", "text").add("text", text(data));
        }
        if (kind <= 2 && depth > 0) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> {
                }
                case 1 -> block.add("content", text(data));
                default -> {
                    JsonArrayBuilder inner = JSON.createArrayBuilder();
                    int count = data.consumeInt(0, 3);
                    for (int i = 0; i < count; i++) {
                        inner.add(block(data, false, depth - 1));
                    }
                    block.add("content", inner);
                }
            }
            if (data.consumeBoolean()) {
                block.add("is_error", data.consumeBoolean());
            }
        }
        if (data.consumeInt(0, 7) == 0) {
            block.add("cache_control", JSON.createObjectBuilder().add("type", "ephemeral"));
        }
        return block.build();
    }

    private static JsonObject source(FuzzedDataProvider data) {
        JsonObjectBuilder source = JSON.createObjectBuilder();
        switch (data.consumeInt(0, 5)) {
            case 0, 1 -> source.add("type", "base64").add("media_type", data.pickValue(MEDIA_TYPES))
                    .add("data", data.consumeAsciiString(24));
            case 2 -> source.add("type", "url").add("url", data.pickValue(List.of("https://example.com/cat.png",
                    "data:image/png;base64,iVBORw0KGgo=", "", "not a url")));
            case 3 -> source.add("type", "text").add("media_type", "text/plain").add("data", text(data));
            case 4 -> source.add("type", "content").add("content", blocks(data, false, 2));
            default -> source.add("type", data.pickValue(List.of("file", "s3", data.consumeString(6))))
                    .add("file_id", "file_011CNha8iCJcU1wXNR6q4V8w");
        }
        return source.build();
    }

    private static JsonObject toolInput(FuzzedDataProvider data) {
        JsonObjectBuilder input = JSON.createObjectBuilder();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            input.add(data.consumeString(8), data.consumeBoolean() ? JsonFactories.string(text(data)) : odd(data));
        }
        return input.build();
    }

    private static JsonValue tools(FuzzedDataProvider data) {
        if (data.consumeInt(0, 15) == 0) {
            return odd(data);
        }
        JsonArrayBuilder tools = JSON.createArrayBuilder();
        int count = data.consumeInt(0, 6);
        for (int i = 0; i < count; i++) {
            JsonObjectBuilder tool = JSON.createObjectBuilder();
            switch (data.consumeInt(0, 9)) {
                case 0 -> tool.add("type", data.pickValue(List.of("web_search_20250305", "web_fetch_20250910",
                        "text_editor_20250728", "bash_20250124"))).add("name", toolName(data));
                case 1 -> {
                    tools.add(odd(data));
                    continue;
                }
                default -> {
                    tool.add("name", toolName(data));
                    if (data.consumeBoolean()) {
                        tool.add("type", "custom");
                    }
                    if (data.consumeBoolean()) {
                        tool.add("description", text(data));
                    }
                    if (data.consumeInt(0, 7) != 0) {
                        tool.add("input_schema", data.consumeInt(0, 15) == 0 ? odd(data) : schema(data));
                    }
                    if (data.consumeBoolean()) {
                        tool.add("defer_loading", data.consumeInt(0, 7) == 0 ? odd(data) : JsonValue.TRUE);
                    }
                }
            }
            tools.add(tool);
        }
        return tools.build();
    }

    private static JsonValue schema(FuzzedDataProvider data) {
        return Json.parse(data.pickValue(SCHEMAS));
    }

    private static JsonValue toolChoice(FuzzedDataProvider data) {
        JsonObjectBuilder choice = JSON.createObjectBuilder();
        switch (data.consumeInt(0, 5)) {
            case 0 -> choice.add("type", "auto");
            case 1 -> choice.add("type", "any");
            case 2 -> choice.add("type", "none");
            case 3, 4 -> choice.add("type", "tool").add("name", toolName(data));
            default -> {
                return odd(data);
            }
        }
        if (data.consumeBoolean()) {
            choice.add("disable_parallel_tool_use", data.consumeBoolean());
        }
        return choice.build();
    }

    private static JsonValue thinking(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> JSON.createObjectBuilder().add("type", "enabled").add("budget_tokens", data.consumeInt())
                    .build();
            case 1 -> JSON.createObjectBuilder().add("type", "adaptive").build();
            case 2 -> JSON.createObjectBuilder().add("type", "disabled").build();
            case 3 -> JSON.createObjectBuilder().add("type", data.consumeString(10)).build();
            default -> odd(data);
        };
    }

    private static JsonValue outputConfig(FuzzedDataProvider data) {
        JsonObjectBuilder config = JSON.createObjectBuilder();
        if (data.consumeBoolean()) {
            config.add("effort", data.consumeBoolean()
                    ? data.pickValue(List.of("low", "medium", "high", "max")) : data.consumeString(6));
        }
        if (data.consumeBoolean()) {
            config.add("format", JSON.createObjectBuilder().add("type", "json_schema").add("schema", schema(data)));
        }
        return data.consumeInt(0, 15) == 0 ? odd(data) : config.build();
    }

    private static JsonValue metadata(FuzzedDataProvider data) {
        JsonValue userId = switch (data.consumeInt(0, 3)) {
            case 0 -> JsonFactories.string("{\"device_id\":\"d1\",\"account_uuid\":\"\",\"session_id\":\""
                    + data.consumeAsciiString(12) + "\"}");
            case 1 -> JsonFactories.string(data.consumeString(20));
            case 2 -> JsonFactories.string("{\"session_id\":" + data.consumeString(8));
            default -> odd(data);
        };
        return JSON.createObjectBuilder().add("user_id", userId).build();
    }

    private static String toolName(FuzzedDataProvider data) {
        return data.consumeInt(0, 7) == 0 ? data.consumeString(80) : data.pickValue(TOOL_NAMES);
    }

    private static String text(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(TEXTS) : data.consumeString(40);
    }

    private static JsonArrayBuilder strings(FuzzedDataProvider data, int max) {
        JsonArrayBuilder strings = JSON.createArrayBuilder();
        int count = data.consumeInt(0, max);
        for (int i = 0; i < count; i++) {
            strings.add(text(data));
        }
        return strings;
    }

    private static JsonValue number(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> JSON.createArrayBuilder().add(data.consumeInt()).build().get(0);
            case 1 -> Json.parse(data.pickValue(List.of("1e400", "-1e400", "1e-400",
                    "0.7", "2", "-0.0", "123456789012345678901234567890")));
            case 2 -> odd(data);
            default -> JSON.createArrayBuilder().add(data.consumeRegularDouble(-2, 3)).build().get(0);
        };
    }

    /** A value of some JSON type, likely not the one the field wants. */
    private static JsonValue odd(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 6)) {
            case 0 -> JsonValue.NULL;
            case 1 -> JsonValue.TRUE;
            case 2 -> JSON.createArrayBuilder().add(data.consumeLong()).build().get(0);
            case 3 -> JsonFactories.string(data.consumeString(12));
            case 4 -> JsonValue.EMPTY_JSON_ARRAY;
            case 5 -> JsonValue.EMPTY_JSON_OBJECT;
            default -> JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("type", "text")).build();
        };
    }
}
