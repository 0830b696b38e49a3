package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Flattens {@code delta.content} sent as an array of typed parts, as Mistral's reasoning models (Magistral) do:
 * {@code [{"type":"thinking","thinking":[{"type":"text","text":"..."}]}]} and {@code [{"type":"text","text":"..."}]}.
 * Thinking parts become {@code reasoning_content}, text parts become the content string.
 *
 * <p>Gate: only deltas (and completion messages) whose {@code content} is an array.
 */
public final class ContentPartsArray implements ChunkQuirk {

    @Override
    public String name() {
        return "content-parts-array";
    }

    @Override
    public Rewriter open() {
        return event -> {
            if (!(event instanceof UpstreamEvent.Data data)) {
                return event;
            }
            JsonObject choice = Chunks.firstChoice(data.json());
            JsonObject delta = choice == null ? null : Chunks.object(choice, "delta");
            if (delta == null || !(delta.get("content") instanceof JsonArray parts)) {
                return event;
            }
            return new UpstreamEvent.Data(Chunks.withDelta(data.json(), choice, flatten(delta, parts)));
        };
    }

    @Override
    public JsonObject rewriteCompletion(JsonObject completion) {
        JsonObject choice = Chunks.firstChoice(completion);
        JsonObject message = choice == null ? null : Chunks.object(choice, "message");
        if (message == null || !(message.get("content") instanceof JsonArray parts)) {
            return completion;
        }
        return Chunks.withFirstChoice(completion,
                Json.createObjectBuilder(choice).add("message", flatten(message, parts)).build());
    }

    private static JsonObject flatten(JsonObject message, JsonArray parts) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        for (JsonValue part : parts) {
            if (part instanceof JsonString s) {
                text.append(s.getString());
            } else if (part instanceof JsonObject p) {
                switch (p.getString("type", "")) {
                    case "text" -> text.append(p.getString("text", ""));
                    case "thinking" -> appendThinking(p.get("thinking"), thinking);
                    default -> {
                    }
                }
            }
        }
        JsonObjectBuilder out = Json.createObjectBuilder(message).remove("content");
        if (!text.isEmpty()) {
            out.add("content", text.toString());
        }
        if (!thinking.isEmpty()) {
            out.add("reasoning_content", thinking.toString());
        }
        return out.build();
    }

    private static void appendThinking(JsonValue thinking, StringBuilder out) {
        if (thinking instanceof JsonString s) {
            out.append(s.getString());
        } else if (thinking instanceof JsonArray pieces) {
            for (JsonValue piece : pieces) {
                if (piece instanceof JsonObject p) {
                    out.append(p.getString("text", ""));
                }
            }
        }
    }
}
