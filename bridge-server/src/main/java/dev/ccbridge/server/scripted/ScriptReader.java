package dev.ccbridge.server.scripted;

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
 * {@code firstByteMillis}. In reply text and tool arguments {@code ${cwd}} stands for Claude Code's working
 * directory; in reply text {@code ${toolResult}} stands for the latest tool result. Unknown keys and values of the
 * wrong type are errors naming where they are, so a typo does not silently change a recording.
 */
public final class ScriptReader {

    /** The answer when a script has no fallback: an error that says so. */
    private static final Reply NO_RULE = new Reply(500, Map.of(), Json.createObjectBuilder()
            .add("error", Json.createObjectBuilder().add("message", "the script has no rule for this request")
                    .add("type", "server_error"))
            .build(), null, null, List.of(), null, Map.of(), null, Reply.DEFAULT_CHUNK_CHARS, 0, 0);

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
        JsonArray array = array(root, "rules", name);
        for (int i = 0; i < array.size(); i++) {
            String at = name + " rules." + i;
            JsonObject rule = element(array, i, at);
            only(rule, at, "name", "when", "times", "reply");
            JsonObject when = object(rule, "when", at);
            rules.add(new Rule(string(rule, "name", at, "rule " + i),
                    when == null ? Condition.ALWAYS : condition(when, at + ".when"),
                    integer(rule, "times", at, 0),
                    reply(object(rule, "reply", at), at + ".reply")));
        }
        JsonObject fallback = object(root, "fallback", name);
        return new Script(string(root, "description", name, ""), List.copyOf(rules),
                fallback != null ? reply(fallback, name + " fallback") : NO_RULE);
    }

    private static Condition condition(JsonObject when, String at) {
        only(when, at, "lastRole", "lastContains", "anyContains", "noneContains", "systemContains", "hasTool",
                "stream", "turn", "responseFormat");
        return new Condition(string(when, "lastRole", at, null), string(when, "lastContains", at, null),
                string(when, "anyContains", at, null), string(when, "noneContains", at, null),
                string(when, "systemContains", at, null), string(when, "hasTool", at, null),
                bool(when, "stream", at), when.containsKey("turn") ? integer(when, "turn", at, 0) : null,
                bool(when, "responseFormat", at));
    }

    private static Reply reply(JsonObject reply, String at) {
        if (reply == null) {
            throw new IllegalArgumentException(at + " is required");
        }
        only(reply, at, "status", "headers", "errorBody", "reasoning", "text", "toolCalls", "finishReason", "usage",
                "streamError", "chunkChars", "delayMillis", "firstByteMillis");
        List<ToolCall> calls = new ArrayList<>();
        JsonArray array = array(reply, "toolCalls", at);
        for (int i = 0; i < array.size(); i++) {
            String callAt = at + ".toolCalls." + i;
            JsonObject call = element(array, i, callAt);
            only(call, callAt, "id", "name", "arguments");
            String toolName = string(call, "name", callAt, null);
            if (toolName == null) {
                throw new IllegalArgumentException(callAt + ": 'name' is required");
            }
            JsonObject arguments = object(call, "arguments", callAt);
            calls.add(new ToolCall(string(call, "id", callAt, null), toolName,
                    arguments == null ? JsonValue.EMPTY_JSON_OBJECT : arguments));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonObject headerObject = object(reply, "headers", at);
        if (headerObject != null) {
            headerObject.keySet().forEach(key -> headers.put(key, string(headerObject, key, at + ".headers", null)));
        }
        Map<String, Integer> usage = new LinkedHashMap<>();
        JsonObject usageObject = object(reply, "usage", at);
        if (usageObject != null) {
            only(usageObject, at + ".usage", "prompt_tokens", "completion_tokens", "cached_tokens");
            usageObject.keySet().forEach(key -> usage.put(key, integer(usageObject, key, at + ".usage", 0)));
        }
        int status = integer(reply, "status", at, 200);
        JsonObject errorBody = object(reply, "errorBody", at);
        if (errorBody != null && status == 200) {
            throw new IllegalArgumentException(at + ": 'errorBody' needs an error 'status'");
        }
        return new Reply(status, Map.copyOf(headers), errorBody,
                string(reply, "reasoning", at, null), string(reply, "text", at, null), List.copyOf(calls),
                string(reply, "finishReason", at, null), Map.copyOf(usage), object(reply, "streamError", at),
                integer(reply, "chunkChars", at, Reply.DEFAULT_CHUNK_CHARS), integer(reply, "delayMillis", at, 0),
                integer(reply, "firstByteMillis", at, 0));
    }

    private static String string(JsonObject object, String key, String at, String absent) {
        return typed(object, key, at, JsonString.class, "a string") instanceof JsonString s ? s.getString() : absent;
    }

    private static int integer(JsonObject object, String key, String at, int absent) {
        if (!(typed(object, key, at, JsonNumber.class, "a whole number") instanceof JsonNumber number)) {
            return absent;
        }
        if (!number.isIntegral() || number.intValue() < 0) {
            throw new IllegalArgumentException(at + ": '" + key + "' must be a whole number of at least 0, got "
                    + number);
        }
        return number.intValue();
    }

    private static Boolean bool(JsonObject object, String key, String at) {
        JsonValue value = object.get(key);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
            throw new IllegalArgumentException(at + ": '" + key + "' must be true or false, got " + value);
        }
        return value.getValueType() == JsonValue.ValueType.TRUE;
    }

    private static JsonObject object(JsonObject object, String key, String at) {
        return (JsonObject) typed(object, key, at, JsonObject.class, "an object");
    }

    private static JsonArray array(JsonObject object, String key, String at) {
        JsonValue value = typed(object, key, at, JsonArray.class, "an array");
        return value == null ? JsonValue.EMPTY_JSON_ARRAY : (JsonArray) value;
    }

    private static JsonObject element(JsonArray array, int index, String at) {
        if (!(array.get(index) instanceof JsonObject object)) {
            throw new IllegalArgumentException(at + " must be an object, got " + array.get(index));
        }
        return object;
    }

    /** The value of a key, or {@code null} when it is absent; a value of another type is an error naming it. */
    private static JsonValue typed(JsonObject object, String key, String at, Class<? extends JsonValue> type,
                                   String described) {
        JsonValue value = object.get(key);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(at + ": '" + key + "' must be " + described + ", got " + value);
        }
        return value;
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
