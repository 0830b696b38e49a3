package dev.ccbridge.replay.testing;

import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.testing.TestBridge;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A conversation sent the way Claude Code sends it: the whole history every turn, a system prompt naming the
 * working directory, the Bash tool, Claude Code's headers with a session id, and each answer (streamed or not)
 * folded back into the history with its ids and thinking signatures as received.
 */
public final class ClaudeCodeConversation {

    /** The User-Agent of the pinned Claude Code in print mode. */
    public static final String USER_AGENT = "claude-cli/2.1.329 (external, sdk-cli)";
    /** The model Claude Code asks for. */
    public static final String MODEL = "claude-sonnet-4-5-20250929";

    private final String session;
    private final String workingDirectory;
    private final List<JsonObject> history = new ArrayList<>();

    /**
     * @param session          the {@code X-Claude-Code-Session-Id}
     * @param workingDirectory the directory the system prompt names
     */
    public ClaudeCodeConversation(String session, String workingDirectory) {
        this.session = session;
        this.workingDirectory = workingDirectory;
    }

    /**
     * @param text what the user types
     * @return this conversation
     */
    public ClaudeCodeConversation user(String text) {
        return add(Json.createObjectBuilder().add("role", "user").add("content", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "text").add("text", text))).build());
    }

    /**
     * @param toolUseId the call answered
     * @param result    its output
     * @return this conversation
     */
    public ClaudeCodeConversation toolResult(String toolUseId, String result) {
        return add(Json.createObjectBuilder().add("role", "user").add("content", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "tool_result").add("tool_use_id", toolUseId)
                        .add("content", result))).build());
    }

    /**
     * Adds the assistant's answer to the history, as Claude Code keeps it.
     *
     * @param response a 200 response, streamed or not
     * @return the answer's content blocks
     */
    public JsonArray answer(TestBridge.Response response) {
        JsonArray content = response.header("content-type").startsWith("text/event-stream")
                ? contentOf(response.events())
                : dev.ccbridge.server.testing.Json.parseObject(response.body()).getJsonArray("content");
        add(Json.createObjectBuilder().add("role", "assistant").add("content", content).build());
        return content;
    }

    /**
     * @param stream whether to stream
     * @return the request body for the history so far
     */
    public String request(boolean stream) {
        return Json.createObjectBuilder()
                .add("model", MODEL)
                .add("max_tokens", 32000)
                .add("stream", stream)
                .add("system", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "text")
                                .add("text", "You are Claude Code, Anthropic's official CLI for Claude."))
                        .add(Json.createObjectBuilder().add("type", "text")
                                .add("text", "Here is useful information about the environment you are running in:\n"
                                        + "<env>\nPrimary working directory: " + workingDirectory
                                        + "\nPlatform: linux\n</env>")
                                .add("cache_control", Json.createObjectBuilder().add("type", "ephemeral"))))
                .add("tools", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", "Bash")
                        .add("description", "Executes a given bash command.")
                        .add("input_schema", Json.createObjectBuilder().add("type", "object")
                                .add("properties", Json.createObjectBuilder()
                                        .add("command", Json.createObjectBuilder().add("type", "string")))
                                .add("required", Json.createArrayBuilder().add("command")))))
                .add("messages", Json.createArrayBuilder(history))
                .add("metadata", Json.createObjectBuilder().add("user_id", "{\"device_id\":\"0123abcd\","
                        + "\"session_id\":\"" + session + "\"}"))
                .build().toString();
    }

    /**
     * @param stream whether the request streams ({@code X-Stainless-Timeout} is 300 on the non-streaming fallback)
     * @return Claude Code's headers
     */
    public Map<String, String> headers(boolean stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("user-agent", USER_AGENT);
        headers.put("x-claude-code-session-id", session);
        headers.put("authorization", "Bearer replay-caller-token");
        headers.put("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
        headers.put("x-app", "cli");
        headers.put("x-stainless-retry-count", "0");
        headers.put("x-stainless-timeout", stream ? "600" : "300");
        return headers;
    }

    private ClaudeCodeConversation add(JsonObject message) {
        history.add(message);
        return this;
    }

    /** Folds a stream's events into content blocks, as the Anthropic SDK's accumulator does. */
    private static JsonArray contentOf(List<SseEvent> events) {
        Map<Integer, JsonObject> starts = new TreeMap<>();
        Map<Integer, StringBuilder> texts = new TreeMap<>();
        Map<Integer, StringBuilder> signatures = new TreeMap<>();
        for (SseEvent event : events) {
            JsonObject data = event.data();
            switch (event.type()) {
                case "content_block_start" -> {
                    int index = data.getInt("index");
                    starts.put(index, data.getJsonObject("content_block"));
                    texts.put(index, new StringBuilder());
                    signatures.put(index, new StringBuilder());
                }
                case "content_block_delta" -> {
                    int index = data.getInt("index");
                    JsonObject delta = data.getJsonObject("delta");
                    switch (delta.getString("type")) {
                        case "text_delta" -> texts.get(index).append(delta.getString("text"));
                        case "thinking_delta" -> texts.get(index).append(delta.getString("thinking"));
                        case "input_json_delta" -> texts.get(index).append(delta.getString("partial_json"));
                        case "signature_delta" -> signatures.get(index).append(delta.getString("signature"));
                        default -> throw new AssertionError("unexpected delta " + delta);
                    }
                }
                default -> {
                }
            }
        }
        JsonArrayBuilder content = Json.createArrayBuilder();
        starts.forEach((index, start) -> {
            String text = texts.get(index).toString();
            JsonObjectBuilder block = Json.createObjectBuilder(start);
            switch (start.getString("type")) {
                case "text" -> block.add("text", text);
                case "thinking" -> block.add("thinking", text).add("signature", signatures.get(index).toString());
                case "tool_use" -> block.add("input", text.isEmpty() ? JsonValue.EMPTY_JSON_OBJECT
                        : dev.ccbridge.server.testing.Json.parseObject(text));
                default -> {
                }
            }
            content.add(block);
        });
        return content.build();
    }
}
