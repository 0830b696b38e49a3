package dev.ccbridge.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

/**
 * JSON written with single quotes, so wire samples read like the wire inside Java strings:
 * {@code JsonText.object("{'role':'user'}")}. A sample that needs a real apostrophe uses {@code \u2019}.
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * @param singleQuoted a JSON object with {@code '} for {@code "}
     * @return the parsed object
     */
    public static JsonObject object(String singleQuoted) {
        try (JsonReader reader = Json.createReader(new StringReader(singleQuoted.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    /**
     * @param singleQuoted a JSON array with {@code '} for {@code "}
     * @return the parsed array
     */
    public static JsonArray array(String singleQuoted) {
        try (JsonReader reader = Json.createReader(new StringReader(singleQuoted.replace('\'', '"')))) {
            return reader.readArray();
        }
    }
}
