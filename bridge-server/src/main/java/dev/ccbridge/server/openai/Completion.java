package dev.ccbridge.server.openai;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

import static dev.ccbridge.server.openai.WireFields.array;
import static dev.ccbridge.server.openai.WireFields.firstChoice;
import static dev.ccbridge.server.openai.WireFields.nonEmpty;
import static dev.ccbridge.server.openai.WireFields.object;

/**
 * A non-streamed chat completion, reduced to the first choice.
 *
 * @param reasoning      reasoning text, or {@code null}
 * @param reasoningField the field it came from
 * @param content        answer text, or {@code null}
 * @param refusal        refusal text, or {@code null}
 * @param toolCalls      the tool calls
 * @param finishReason   the finish reason, or {@code null}
 * @param matchedStop    the stop sequence matched, or {@code null}
 * @param usage          usage, or {@code null}
 * @param error          an error object in a 200 response, or {@code null}
 */
public record Completion(String reasoning,
                         String reasoningField,
                         String content,
                         String refusal,
                         List<ToolCall> toolCalls,
                         String finishReason,
                         String matchedStop,
                         Usage usage,
                         JsonObject error) {

    /**
     * @param id        the call id, or {@code null}
     * @param name      the function name, or {@code null}
     * @param arguments the arguments JSON text, or {@code null}
     */
    public record ToolCall(String id, String name, String arguments) {
    }

    /**
     * @param body the response body
     * @return the completion
     */
    public static Completion read(JsonObject body) {
        JsonObject choice = firstChoice(body);
        JsonObject message = object(choice, "message");
        String[] reasoning = WireFields.reasoning(message);
        Usage usage = Usage.read(body.get("usage"));
        return new Completion(
                reasoning == null ? null : reasoning[0],
                reasoning == null ? null : reasoning[1],
                nonEmpty(message, "content"),
                nonEmpty(message, "refusal"),
                toolCalls(array(message, "tool_calls")),
                nonEmpty(choice, "finish_reason"),
                WireFields.matchedStop(choice),
                usage,
                WireFields.error(body));
    }

    /**
     * The completion as one stream chunk, for upstreams that answer a streaming request with a single body.
     *
     * @return a chunk carrying everything the completion does
     */
    public ChatChunk asChunk() {
        List<ToolCallDelta> deltas = new ArrayList<>(toolCalls.size());
        for (int i = 0; i < toolCalls.size(); i++) {
            ToolCall call = toolCalls.get(i);
            deltas.add(new ToolCallDelta(i, call.id(), call.name(), call.arguments()));
        }
        return new ChatChunk(reasoning, reasoningField, content, refusal, deltas,
                finishReason == null ? "stop" : finishReason, matchedStop, usage, error);
    }

    private static List<ToolCall> toolCalls(JsonArray calls) {
        if (calls == null) {
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (JsonValue value : calls) {
            if (value instanceof JsonObject call) {
                JsonObject function = object(call, "function");
                out.add(new ToolCall(nonEmpty(call, "id"), nonEmpty(function, "name"),
                        ChunkDecoder.arguments(function)));
            }
        }
        return out;
    }
}
