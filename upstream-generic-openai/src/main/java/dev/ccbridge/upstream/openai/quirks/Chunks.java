package dev.ccbridge.upstream.openai.quirks;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Small reads and rewrites of chunk JSON shared by the quirks. */
final class Chunks {

    private Chunks() {
    }

    static JsonObject object(JsonObject parent, String field) {
        return parent.get(field) instanceof JsonObject o ? o : null;
    }

    static JsonArray array(JsonObject parent, String field) {
        return parent.get(field) instanceof JsonArray a ? a : null;
    }

    static JsonObject firstChoice(JsonObject chunk) {
        JsonArray choices = array(chunk, "choices");
        return choices != null && !choices.isEmpty() && choices.get(0) instanceof JsonObject c ? c : null;
    }

    /** The chunk with its first choice's delta replaced. */
    static JsonObject withDelta(JsonObject chunk, JsonObject choice, JsonObject delta) {
        return withFirstChoice(chunk, Json.createObjectBuilder(choice).add("delta", delta).build());
    }

    /** The chunk with its first choice replaced. */
    static JsonObject withFirstChoice(JsonObject chunk, JsonObject choice) {
        JsonArray choices = array(chunk, "choices");
        JsonArrayBuilder replaced = Json.createArrayBuilder().add(choice);
        for (int i = 1; i < choices.size(); i++) {
            replaced.add(choices.get(i));
        }
        return Json.createObjectBuilder(chunk).add("choices", replaced).build();
    }

    static boolean isNull(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }
}
