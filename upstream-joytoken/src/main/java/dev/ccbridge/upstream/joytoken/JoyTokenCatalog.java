package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.CatalogModel;
import dev.ccbridge.api.ModelCatalog;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * JoyToken's model catalog, {@code GET /api/v1/models} on the gateway's host (the quickstart: "The model catalog
 * is currently exposed to the Console through GET /api/v1/models"). Its shape is not documented for API use, so
 * it is read leniently: a list under {@code data} or {@code models} (or the top level), each entry's key from
 * {@code key}, {@code model_key}, {@code id} or {@code name}.
 *
 * @param uri the catalog URL
 */
record JoyTokenCatalog(URI uri) implements ModelCatalog {

    @Override
    public List<CatalogModel> read(JsonStructure body) {
        JsonArray entries = body instanceof JsonArray array ? array
                : body instanceof JsonObject object && object.get("data") instanceof JsonArray data ? data
                : body instanceof JsonObject object && object.get("models") instanceof JsonArray models ? models
                : JsonValue.EMPTY_JSON_ARRAY;
        List<CatalogModel> out = new ArrayList<>();
        for (JsonValue entry : entries) {
            if (entry instanceof JsonString key) {
                out.add(new CatalogModel(key.getString(), 0, 0));
            } else if (entry instanceof JsonObject model) {
                String id = first(model, "key", "model_key", "id", "name");
                if (id != null) {
                    out.add(new CatalogModel(id, number(model, "context_window", "context_length"),
                            number(model, "max_output_tokens", "max_tokens")));
                }
            }
        }
        return out;
    }

    private static String first(JsonObject model, String... fields) {
        for (String field : fields) {
            if (model.get(field) instanceof JsonString s && !s.getString().isBlank()) {
                return s.getString();
            }
        }
        return null;
    }

    private static int number(JsonObject model, String... fields) {
        for (String field : fields) {
            if (model.get(field) instanceof JsonNumber n) {
                return n.intValue();
            }
        }
        return 0;
    }
}
