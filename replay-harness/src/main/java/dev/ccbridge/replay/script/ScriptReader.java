package dev.ccbridge.replay.script;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a script from JSON:
 * <pre>{@code
 * {"description": "...",
 *  "rules": [{"name": "run echo", "when": {"lastRole": "user", "lastContains": "echo"}, "times": 1,
 *             "reply": {"reasoning": "...", "text": "...",
 *                       "toolCalls": [{"name": "Bash", "arguments": {"command": "echo hi"}}]}}],
 *  "fallback": {"text": "..."}}
 * }</pre>
 * A reply may also carry {@code status}, {@code headers} and {@code errorBody} (an HTTP error),
 * {@code finishReason}, {@code usage}, {@code streamError}, {@code chunkChars}, {@code delayMillis} and
 * {@code firstByteMillis}. Unknown keys are an error, so a typo does not silently change a recording.
 */
public final class ScriptReader {

    private ScriptReader() {
    }

    /**
     * @param file a script file
     * @return the script
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static Script read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read script " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param json a script
     * @return the script
     */
    public static Script parse(String json) {
        return read(new StringReader(json), "script");
    }

    private static Script read(Reader source, String name) {
        JsonObject root;
        try (JsonReader reader = Json.createReader(source)) {
            root = reader.readObject();
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException(name + " is not a JSON object: " + e.getMessage(), e);
        }
        only(root, name, "description", "rules", "fallback");
        List<Rule> rules = new ArrayList<>();
        JsonArray array = root.getJsonArray("rules");
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonObject rule = array.getJsonObject(i);
            String at = name + " rules." + i;
            only(rule, at, "name", "when", "times", "reply");
            rules.add(new Rule(rule.getString("name", "rule " + i),
                    rule.containsKey("when") ? condition(rule.getJsonObject("when"), at + ".when") : Condition.ALWAYS,
                    rule.getInt("times", 0),
                    reply(rule.getJsonObject("reply"), at + ".reply")));
        }
        Reply fallback = root.containsKey("fallback") ? reply(root.getJsonObject("fallback"), name + " fallback")
                : new Reply(500, Map.of(), Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                        .add("message", "the script has no rule for this request").add("type", "server_error"))
                        .build(), null, null, List.of(), null, Map.of(), null, Reply.DEFAULT_CHUNK_CHARS, 0, 0);
        return new Script(root.getString("description", ""), List.copyOf(rules), fallback);
    }

    private static Condition condition(JsonObject when, String at) {
        only(when, at, "lastRole", "lastContains", "anyContains", "noneContains", "systemContains", "hasTool",
                "stream", "turn");
        return new Condition(string(when, "lastRole"), string(when, "lastContains"), string(when, "anyContains"),
                string(when, "noneContains"), string(when, "systemContains"), string(when, "hasTool"),
                when.containsKey("stream") ? when.getBoolean("stream") : null,
                when.containsKey("turn") ? when.getInt("turn") : null);
    }

    private static Reply reply(JsonObject reply, String at) {
        if (reply == null) {
            throw new IllegalArgumentException(at + " is required");
        }
        only(reply, at, "status", "headers", "errorBody", "reasoning", "text", "toolCalls", "finishReason", "usage",
                "streamError", "chunkChars", "delayMillis", "firstByteMillis");
        List<ToolCall> calls = new ArrayList<>();
        JsonArray array = reply.getJsonArray("toolCalls");
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonObject call = array.getJsonObject(i);
            only(call, at + ".toolCalls." + i, "id", "name", "arguments");
            calls.add(new ToolCall(string(call, "id"), call.getString("name"),
                    call.containsKey("arguments") ? call.getJsonObject("arguments") : JsonValue.EMPTY_JSON_OBJECT));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (reply.get("headers") instanceof JsonObject h) {
            h.forEach((key, value) -> headers.put(key, value instanceof JsonString s ? s.getString() : value.toString()));
        }
        Map<String, Integer> usage = new LinkedHashMap<>();
        if (reply.get("usage") instanceof JsonObject u) {
            u.forEach((key, value) -> usage.put(key, ((JsonNumber) value).intValue()));
        }
        int status = reply.getInt("status", 200);
        return new Reply(status, Map.copyOf(headers),
                reply.containsKey("errorBody") ? reply.getJsonObject("errorBody") : null,
                string(reply, "reasoning"), string(reply, "text"), List.copyOf(calls), string(reply, "finishReason"),
                Map.copyOf(usage), reply.containsKey("streamError") ? reply.getJsonObject("streamError") : null,
                reply.getInt("chunkChars", Reply.DEFAULT_CHUNK_CHARS), reply.getInt("delayMillis", 0),
                reply.getInt("firstByteMillis", 0));
    }

    private static String string(JsonObject object, String key) {
        return object.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static void only(JsonObject object, String at, String... allowed) {
        List<String> keys = List.of(allowed);
        for (String key : object.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(at + ": unknown key '" + key + "'; allowed: " + keys);
            }
        }
    }
}
