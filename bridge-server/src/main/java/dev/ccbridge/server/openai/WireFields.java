package dev.ccbridge.server.openai;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Lenient reads: upstreams send nulls, empty strings and wrong types where the spec has values. */
final class WireFields {

    private WireFields() {
    }

    static String string(JsonObject object, String field) {
        return object != null && object.get(field) instanceof JsonString s ? s.getString() : null;
    }

    static String nonEmpty(JsonObject object, String field) {
        String value = string(object, field);
        return value == null || value.isEmpty() ? null : value;
    }

    static JsonObject object(JsonObject object, String field) {
        return object != null && object.get(field) instanceof JsonObject o ? o : null;
    }

    static JsonArray array(JsonObject object, String field) {
        return object != null && object.get(field) instanceof JsonArray a ? a : null;
    }

    static JsonObject firstChoice(JsonObject root) {
        JsonArray choices = array(root, "choices");
        if (choices == null || choices.isEmpty()) {
            return null;
        }
        for (JsonValue choice : choices) {
            if (choice instanceof JsonObject c && c.getInt("index", 0) == 0) {
                return c;
            }
        }
        return choices.get(0) instanceof JsonObject c ? c : null;
    }

    /**
     * Reasoning text from the first field that has some: {@code reasoning_content} (DeepSeek, GLM, Kimi, older
     * vLLM), {@code reasoning} (vLLM 0.11+, Ollama, OpenRouter, Groq), {@code reasoning_details[].text}
     * (OpenRouter). Upstreams that fill two of them fill both with the same text, so only one is read.
     *
     * @return {reasoning, field} or {@code null}
     */
    static String[] reasoning(JsonObject message) {
        String text = nonEmpty(message, "reasoning_content");
        if (text != null) {
            return new String[] {text, "reasoning_content"};
        }
        text = nonEmpty(message, "reasoning");
        if (text != null) {
            return new String[] {text, "reasoning"};
        }
        JsonArray details = array(message, "reasoning_details");
        if (details != null) {
            StringBuilder joined = new StringBuilder();
            for (JsonValue detail : details) {
                if (detail instanceof JsonObject d) {
                    String piece = nonEmpty(d, "text");
                    if (piece == null) {
                        piece = nonEmpty(d, "summary");
                    }
                    if (piece != null) {
                        joined.append(piece);
                    }
                }
            }
            if (!joined.isEmpty()) {
                return new String[] {joined.toString(), "reasoning_details"};
            }
        }
        return null;
    }

    /**
     * An in-band error: OpenAI and OpenRouter send an object, some relays a bare string, which is wrapped as
     * {@code {"message": ...}} so that both read the same.
     *
     * @return the error object, or {@code null}
     */
    static JsonObject error(JsonObject root) {
        JsonValue error = root == null ? null : root.get("error");
        if (error instanceof JsonObject object) {
            return object;
        }
        if (error instanceof JsonString s && !s.getString().isBlank()) {
            return JsonFactories.BUILDERS.createObjectBuilder().add("message", s.getString()).build();
        }
        return null;
    }

    /** The stop sequence a choice says it matched: vLLM {@code stop_reason}, SGLang {@code matched_stop}. */
    static String matchedStop(JsonObject choice) {
        String stop = string(choice, "stop_reason");
        return stop != null ? stop : string(choice, "matched_stop");
    }
}
