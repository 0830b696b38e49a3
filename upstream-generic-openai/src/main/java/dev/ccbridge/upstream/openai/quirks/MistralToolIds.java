package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.upstream.openai.RequestQuirk;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Mistral accepts only tool call ids of exactly nine letters and digits: "Tool call id was call_0fypS1hVX but must
 * be a-z, A-Z, 0-9, with a length of 9" (invalid_request_error, code 3280). Ids Mistral issued itself pass
 * unchanged in both directions; any other id in the history (Anthropic {@code toolu_...}, another upstream's
 * {@code call_...}) is mapped to nine characters derived from a hash of the original, the same in the assistant's
 * {@code tool_calls} and in the answering tool message, and the same on every request, so no state is kept and
 * the client keeps the original ids.
 *
 * <p>Gate: the {@code mistral} profile, and only ids that do not already fit.
 */
public final class MistralToolIds implements RequestQuirk {

    private static final Pattern MISTRAL_ID = Pattern.compile("[a-zA-Z0-9]{9}");
    private static final char[] ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    @Override
    public String name() {
        return "mistral-tool-ids";
    }

    @Override
    public void apply(OutboundRequest request) {
        JsonArray messages = request.body().getJsonArray("messages");
        boolean changed = false;
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (JsonValue value : messages) {
            JsonValue rewritten = rewrite(value);
            changed |= rewritten != value;
            out.add(rewritten);
        }
        if (changed) {
            request.body(Json.createObjectBuilder(request.body()).add("messages", out).build());
        }
    }

    private static JsonValue rewrite(JsonValue value) {
        if (!(value instanceof JsonObject message)) {
            return value;
        }
        if (message.get("tool_call_id") instanceof JsonString id && !fits(id.getString())) {
            return Json.createObjectBuilder(message).add("tool_call_id", toMistral(id.getString())).build();
        }
        if (message.get("tool_calls") instanceof JsonArray calls) {
            boolean changed = false;
            JsonArrayBuilder fixed = Json.createArrayBuilder();
            for (JsonValue call : calls) {
                if (call instanceof JsonObject c && !fits(c.getString("id", ""))) {
                    fixed.add(Json.createObjectBuilder(c).add("id", toMistral(c.getString("id", ""))));
                    changed = true;
                } else {
                    fixed.add(call);
                }
            }
            return changed ? Json.createObjectBuilder(message).add("tool_calls", fixed).build() : message;
        }
        return message;
    }

    static boolean fits(String id) {
        return MISTRAL_ID.matcher(id).matches();
    }

    /**
     * @param id any tool call id
     * @return the nine-character id Mistral accepts for it
     */
    public static String toMistral(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[9];
            for (int i = 0; i < out.length; i++) {
                out[i] = ALPHABET[(digest[i] & 0xFF) % ALPHABET.length];
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
