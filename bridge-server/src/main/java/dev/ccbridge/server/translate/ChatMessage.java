package dev.ccbridge.server.translate;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.List;

/** An OpenAI chat message while the request is being assembled, before it is written as JSON. */
sealed interface ChatMessage {

    /**
     * @param text the instructions
     */
    record System(JsonString text) implements ChatMessage {
    }

    /**
     * @param parts content parts ({@code text}, {@code image_url}, {@code file}), in order
     */
    record User(List<JsonObject> parts) implements ChatMessage {
    }

    /**
     * @param text           the reply text, or {@code null}
     * @param toolCalls      the calls made
     * @param reasoning      reasoning to send back, or {@code null}
     * @param reasoningField the field that carries it
     */
    record Assistant(JsonString text, List<ToolCall> toolCalls, JsonString reasoning, String reasoningField)
            implements ChatMessage {
    }

    /**
     * @param toolCallId the call this answers
     * @param text       the result
     */
    record ToolResult(String toolCallId, JsonString text) implements ChatMessage {
    }

    /**
     * @param id        the call id, verbatim
     * @param name      the (possibly aliased) function name
     * @param arguments the arguments as JSON text
     */
    record ToolCall(String id, String name, String arguments) {
    }
}
