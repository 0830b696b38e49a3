package dev.ccbridge.server.openai;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

import static dev.ccbridge.server.openai.WireFields.array;
import static dev.ccbridge.server.openai.WireFields.firstChoice;
import static dev.ccbridge.server.openai.WireFields.matchedStop;
import static dev.ccbridge.server.openai.WireFields.nonEmpty;
import static dev.ccbridge.server.openai.WireFields.object;
import static dev.ccbridge.server.openai.WireFields.string;

/** Reads a streamed chunk leniently into a {@link ChatChunk}. */
public final class ChunkDecoder {

    private ChunkDecoder() {
    }

    /**
     * @param chunk the chunk JSON
     * @return the chunk
     */
    public static ChatChunk decode(JsonObject chunk) {
        JsonObject choice = firstChoice(chunk);
        JsonObject delta = object(choice, "delta");
        String[] reasoning = WireFields.reasoning(delta);
        return new ChatChunk(
                reasoning == null ? null : reasoning[0],
                reasoning == null ? null : reasoning[1],
                nonEmpty(delta, "content"),
                nonEmpty(delta, "refusal"),
                toolCalls(array(delta, "tool_calls")),
                nonEmpty(choice, "finish_reason"),
                matchedStop(choice),
                Usage.read(chunk.get("usage")),
                WireFields.error(chunk));
    }

    private static List<ToolCallDelta> toolCalls(JsonArray calls) {
        if (calls == null || calls.isEmpty()) {
            return List.of();
        }
        List<ToolCallDelta> out = new ArrayList<>(calls.size());
        for (int position = 0; position < calls.size(); position++) {
            if (!(calls.get(position) instanceof JsonObject call)) {
                continue;
            }
            JsonObject function = object(call, "function");
            int index = call.get("index") instanceof JsonNumber n ? n.intValue() : position;
            out.add(new ToolCallDelta(index, nonEmpty(call, "id"), nonEmpty(function, "name"),
                    arguments(function)));
        }
        return out;
    }

    /** Arguments are a JSON string on the wire; a few servers send the object itself. */
    static String arguments(JsonObject function) {
        if (function == null) {
            return null;
        }
        JsonValue arguments = function.get("arguments");
        if (arguments instanceof JsonObject || arguments instanceof JsonArray) {
            return arguments.toString();
        }
        return string(function, "arguments");
    }
}
