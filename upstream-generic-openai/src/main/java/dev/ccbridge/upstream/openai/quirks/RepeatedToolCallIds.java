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
 * client's history. The replacement, {@code call_} and a hash of the response id and call index, is stable across
 * the pieces of one call and unique across responses.
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
            String responseId = chunk.getString("id", "");
            JsonArrayBuilder fixed = Json.createArrayBuilder();
            for (JsonValue value : calls) {
                if (numericId(value)) {
                    JsonObject call = (JsonObject) value;
                    String key = responseId + ":" + call.getInt("index", 0) + ":" + call.getString("id");
                    fixed.add(Json.createObjectBuilder(call).add("id", "call_" + hash(key)));
                } else {
                    fixed.add(value);
                }
            }
            return new UpstreamEvent.Data(Chunks.withDelta(chunk, choice,
                    Json.createObjectBuilder(delta).add("tool_calls", fixed).build()));
        };
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
