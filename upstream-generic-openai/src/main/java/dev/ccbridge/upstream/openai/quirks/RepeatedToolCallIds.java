package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Replaces tool call ids that are not unique across a conversation: lmdeploy and SGLang number calls
 * {@code "0"}, {@code "1"} in every turn, so the second turn's calls would collide with the first's in the
 * client's history. The replacement, {@code call_} and a hash of the response id and the call's position, is the
 * same for every piece of one call and differs between responses. (The response's {@code created} time is left
 * out on purpose: some servers stamp each chunk anew, which would split one call into several.) Streams and
 * non-streamed completions get the same repair.
 *
 * <p>Gate: only ids made of digits alone.
 */
public final class RepeatedToolCallIds implements ChunkQuirk {

    @Override
    public String name() {
        return "repeated-tool-call-ids";
    }

    @Override
    public Rewriter open() {
        return event -> {
            if (!(event instanceof UpstreamEvent.Data data)) {
                return event;
            }
            JsonObject chunk = data.json();
            JsonObject choice = Chunks.firstChoice(chunk);
            JsonObject delta = choice == null ? null : Chunks.object(choice, "delta");
            JsonArray calls = delta == null ? null : Chunks.array(delta, "tool_calls");
            if (calls == null || calls.stream().noneMatch(RepeatedToolCallIds::numericId)) {
                return event;
            }
            return new UpstreamEvent.Data(Chunks.withDelta(chunk, choice,
                    Json.createObjectBuilder(delta).add("tool_calls", renamed(chunk, calls)).build()));
        };
    }

    @Override
    public JsonObject rewriteCompletion(JsonObject completion) {
        JsonObject choice = Chunks.firstChoice(completion);
        JsonObject message = choice == null ? null : Chunks.object(choice, "message");
        JsonArray calls = message == null ? null : Chunks.array(message, "tool_calls");
        if (calls == null || calls.stream().noneMatch(RepeatedToolCallIds::numericId)) {
            return completion;
        }
        return Chunks.withFirstChoice(completion, Json.createObjectBuilder(choice).add("message",
                Json.createObjectBuilder(message).add("tool_calls", renamed(completion, calls))).build());
    }

    private static JsonArrayBuilder renamed(JsonObject response, JsonArray calls) {
        String responseId = response.getString("id", "");
        JsonArrayBuilder fixed = Json.createArrayBuilder();
        for (int position = 0; position < calls.size(); position++) {
            JsonValue value = calls.get(position);
            if (numericId(value)) {
                JsonObject call = (JsonObject) value;
                String key = responseId + ":" + call.getInt("index", position) + ":" + call.getString("id");
                fixed.add(Json.createObjectBuilder(call).add("id", "call_" + hash(key)));
            } else {
                fixed.add(value);
            }
        }
        return fixed;
    }

    private static boolean numericId(JsonValue value) {
        if (!(value instanceof JsonObject call)) {
            return false;
        }
        String id = call.getString("id", "");
        return !id.isEmpty() && id.chars().allMatch(Character::isDigit);
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
