package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives streamed tool calls the {@code index} that Gemini's OpenAI endpoint and Mistral leave out. The OpenAI
 * spec makes {@code index} required ("tool_calls[].index: required"); without it, a client that keys calls by
 * index merges two calls into one. The index is derived from the call id: a new id is a new call, a piece with
 * no id continues the last call.
 *
 * <p>Gate: only tool-call pieces without {@code index} are touched.
 */
public final class ToolCallsWithoutIndex implements ChunkQuirk {

    @Override
    public String name() {
        return "tool-calls-without-index";
    }

    @Override
    public Rewriter open() {
        Map<String, Integer> indexById = new HashMap<>();
        int[] last = {-1};
        return event -> {
            if (!(event instanceof UpstreamEvent.Data data)) {
                return event;
            }
            JsonObject chunk = data.json();
            JsonObject choice = Chunks.firstChoice(chunk);
            JsonObject delta = choice == null ? null : Chunks.object(choice, "delta");
            JsonArray calls = delta == null ? null : Chunks.array(delta, "tool_calls");
            if (calls == null || calls.stream().allMatch(c -> c instanceof JsonObject o && o.containsKey("index"))) {
                return event;
            }
            JsonArrayBuilder fixed = Json.createArrayBuilder();
            for (JsonValue value : calls) {
                if (!(value instanceof JsonObject call) || call.containsKey("index")) {
                    fixed.add(value);
                    continue;
                }
                String id = call.getString("id", "");
                int index;
                if (!id.isEmpty()) {
                    index = indexById.computeIfAbsent(id, k -> indexById.size());
                } else {
                    index = Math.max(last[0], 0);
                    indexById.putIfAbsent("#" + index, index);
                }
                last[0] = index;
                fixed.add(Json.createObjectBuilder(call).add("index", index));
            }
            return new UpstreamEvent.Data(Chunks.withDelta(chunk, choice,
                    Json.createObjectBuilder(delta).add("tool_calls", fixed).build()));
        };
    }
}
