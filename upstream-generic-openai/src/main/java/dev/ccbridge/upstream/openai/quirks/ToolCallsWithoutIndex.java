package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Gives streamed tool calls the {@code index} that Gemini's OpenAI endpoint and Mistral leave out. The OpenAI
 * spec makes {@code index} required ("tool_calls[].index: required"); without it, a client that keys calls by
 * index merges two calls into one. A piece starts a new call when it brings an id not seen before, or, without
 * an id, a name while the current call already has one (servers that send whole calls without ids); any other
 * piece continues the current call, and a known id returns to its call.
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
        CallCounter counter = new CallCounter();
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
                if (value instanceof JsonObject call && !call.containsKey("index")) {
                    fixed.add(Json.createObjectBuilder(call).add("index", counter.indexOf(call)));
                } else {
                    fixed.add(value);
                }
            }
            return new UpstreamEvent.Data(Chunks.withDelta(chunk, choice,
                    Json.createObjectBuilder(delta).add("tool_calls", fixed).build()));
        };
    }

    /** The calls of one stream: which index each id has, which calls have a name, and which call is current. */
    private static final class CallCounter {
        private final Map<String, Integer> indexById = new HashMap<>();
        private final Set<Integer> named = new HashSet<>();
        private int calls;
        private int current = -1;

        int indexOf(JsonObject call) {
            String id = call.getString("id", "");
            boolean hasName = Chunks.object(call, "function") instanceof JsonObject function
                    && !function.getString("name", "").isEmpty();
            if (!id.isEmpty()) {
                current = indexById.computeIfAbsent(id, unseen -> calls++);
            } else if (current < 0 || (hasName && named.contains(current))) {
                current = calls++;
            }
            if (hasName) {
                named.add(current);
            }
            return current;
        }
    }
}
