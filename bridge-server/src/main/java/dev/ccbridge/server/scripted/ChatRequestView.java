package dev.ccbridge.server.scripted;

import dev.ccbridge.server.translate.ToolNames;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the script's conditions look at in a chat/completions request. */
final class ChatRequestView {

    /** The rest of the line: a directory may have spaces in its name. */
    private static final Pattern WORKING_DIRECTORY = Pattern.compile("Primary working directory: ([^\r\n]+)");

    private final JsonObject body;

    ChatRequestView(JsonObject body) {
        this.body = body;
    }

    JsonObject body() {
        return body;
    }

    boolean stream() {
        return body.getBoolean("stream", false);
    }

    boolean includeUsage() {
        return body.get("stream_options") instanceof JsonObject options && options.getBoolean("include_usage", false);
    }

    /** Whether the request asks for an answer in a JSON schema, as Claude Code's title generation does. */
    boolean asksForJsonSchema() {
        return body.get("response_format") instanceof JsonObject format
                && "json_schema".equals(format.getString("type", ""));
    }

    JsonArray messages() {
        return body.get("messages") instanceof JsonArray messages ? messages : JsonValue.EMPTY_JSON_ARRAY;
    }

    /** The role of the latest turn; Claude Code's system messages between turns do not count. */
    String lastRole() {
        JsonObject last = lastTurn();
        return last == null ? "" : last.getString("role", "");
    }

    String lastText() {
        JsonObject last = lastTurn();
        return last == null ? "" : text(last);
    }

    private JsonObject lastTurn() {
        JsonArray messages = messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonObject message = messages.getJsonObject(i);
            if (!"system".equals(message.getString("role", ""))) {
                return message;
            }
        }
        return null;
    }

    /**
     * @return the text of the latest tool result, or {@code null} when the request has none
     */
    String lastToolResult() {
        JsonArray messages = messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonObject message = messages.getJsonObject(i);
            if ("tool".equals(message.getString("role", ""))) {
                return text(message);
            }
        }
        return null;
    }

    String allText() {
        StringBuilder all = new StringBuilder();
        for (JsonValue message : messages()) {
            all.append(text((JsonObject) message)).append('\n');
        }
        return all.toString();
    }

    /**
     * @return the working directory Claude Code names in its environment section ("Primary working directory:
     *         /path"), or {@code null}
     */
    String workingDirectory() {
        Matcher matcher = WORKING_DIRECTORY.matcher(allText());
        return matcher.find() ? matcher.group(1).strip() : null;
    }

    String systemText() {
        for (JsonValue message : messages()) {
            if ("system".equals(((JsonObject) message).getString("role", ""))) {
                return text((JsonObject) message);
            }
        }
        return "";
    }

    int assistantTurns() {
        int turns = 0;
        for (JsonValue message : messages()) {
            if ("assistant".equals(((JsonObject) message).getString("role", ""))) {
                turns++;
            }
        }
        return turns;
    }

    /**
     * @param anthropicName a tool's name as Claude Code knows it
     * @return the name the request uses for it (its alias when it had to be shortened), or {@code null}
     */
    String toolName(String anthropicName) {
        if (!(body.get("tools") instanceof JsonArray tools)) {
            return null;
        }
        String alias = new ToolNames(64).alias(anthropicName);
        for (JsonValue tool : tools) {
            if (tool instanceof JsonObject t && t.get("function") instanceof JsonObject function) {
                String name = function.getString("name", "");
                if (name.equals(anthropicName) || name.equals(alias)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String text(JsonObject message) {
        JsonValue content = message.get("content");
        if (content instanceof JsonString s) {
            return s.getString();
        }
        StringBuilder text = new StringBuilder();
        if (content instanceof JsonArray parts) {
            for (JsonValue part : parts) {
                if (part instanceof JsonObject p && "text".equals(p.getString("type", ""))) {
                    text.append(p.getString("text", "")).append('\n');
                }
            }
        }
        if (message.get("tool_calls") instanceof JsonArray calls) {
            text.append(calls);
        }
        if (message.get("reasoning_content") instanceof JsonString reasoning) {
            text.append('\n').append(reasoning.getString());
        }
        return text.toString();
    }
}
