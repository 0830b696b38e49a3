package dev.ccbridge.server.translate;

import dev.ccbridge.server.json.JoinedString;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.List;

import static dev.ccbridge.server.translate.ContentParts.JSON;

/** Writes assembled chat messages as OpenAI JSON. Text-only user content is sent as a plain string. */
final class ChatMessageWriter {

    private ChatMessageWriter() {
    }

    static JsonArrayBuilder write(List<ChatMessage> messages) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (ChatMessage message : messages) {
            array.add(write(message));
        }
        return array;
    }

    private static JsonObject write(ChatMessage message) {
        return switch (message) {
            case ChatMessage.System system -> JSON.createObjectBuilder()
                    .add("role", "system").add("content", system.text()).build();
            case ChatMessage.User user -> JSON.createObjectBuilder()
                    .add("role", "user").add("content", userContent(user.parts())).build();
            case ChatMessage.ToolResult result -> JSON.createObjectBuilder()
                    .add("role", "tool").add("tool_call_id", result.toolCallId()).add("content", result.text())
                    .build();
            case ChatMessage.Assistant assistant -> assistant(assistant);
        };
    }

    private static JsonValue userContent(List<JsonObject> parts) {
        if (parts.stream().allMatch(ContentParts::isText)) {
            JoinedString.Builder text = new JoinedString.Builder();
            for (JsonObject part : parts) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(part.getJsonString("text"));
            }
            return text.build();
        }
        JsonArrayBuilder array = JSON.createArrayBuilder();
        parts.forEach(array::add);
        return array.build();
    }

    private static JsonObject assistant(ChatMessage.Assistant assistant) {
        JsonObjectBuilder out = JSON.createObjectBuilder().add("role", "assistant");
        if (assistant.text() != null) {
            out.add("content", assistant.text());
        } else {
            out.addNull("content");
        }
        if (!assistant.toolCalls().isEmpty()) {
            JsonArrayBuilder calls = JSON.createArrayBuilder();
            for (ChatMessage.ToolCall call : assistant.toolCalls()) {
                calls.add(JSON.createObjectBuilder()
                        .add("id", call.id())
                        .add("type", "function")
                        .add("function", JSON.createObjectBuilder()
                                .add("name", call.name())
                                .add("arguments", call.arguments())));
            }
            out.add("tool_calls", calls);
        }
        if (assistant.reasoning() != null) {
            out.add(assistant.reasoningField(), assistant.reasoning());
        }
        return out.build();
    }
}
