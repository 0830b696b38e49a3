package dev.ccbridge.server.translate;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rule OpenAI-style upstreams enforce on tool calls, which the JSON schema cannot express: every assistant
 * message with {@code tool_calls} is followed directly by exactly one {@code tool} message per call id, in the
 * calls' order, and no {@code tool} message appears anywhere else.
 */
public final class ToolCallSequence {

    private ToolCallSequence() {
    }

    /**
     * @param request an outbound chat/completions request
     * @throws AssertionError describing the first violation
     */
    public static void check(JsonObject request) {
        JsonArray messages = request.getJsonArray("messages");
        int i = 0;
        while (i < messages.size()) {
            JsonObject message = messages.getJsonObject(i);
            String role = message.getString("role");
            if (role.equals("tool")) {
                fail("tool message at " + i + " does not answer a preceding assistant tool call: " + messages);
            }
            i++;
            if (!role.equals("assistant") || !message.containsKey("tool_calls")) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (JsonValue call : message.getJsonArray("tool_calls")) {
                ids.add(call.asJsonObject().getString("id"));
            }
            if (new HashSet<>(ids).size() != ids.size()) {
                fail("duplicate tool call ids in message " + (i - 1) + ": " + ids);
            }
            Set<String> answered = new HashSet<>();
            for (String id : ids) {
                if (i >= messages.size() || !messages.getJsonObject(i).getString("role").equals("tool")) {
                    fail("tool call " + id + " of message " + (i - 1) + " has no tool message right after it: "
                            + messages);
                }
                String answer = messages.getJsonObject(i).getString("tool_call_id");
                if (!answer.equals(id) || !answered.add(answer)) {
                    fail("tool message " + i + " answers " + answer + ", expected " + id + ": " + messages);
                }
                i++;
            }
        }
    }
}
