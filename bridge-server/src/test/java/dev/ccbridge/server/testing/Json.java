package dev.ccbridge.server.testing;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;

/** JSON helpers for tests. */
public final class Json {

    private Json() {
    }

    /**
     * @param text JSON text
     * @return the object
     */
    public static JsonObject parseObject(String text) {
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /**
     * @param text JSON text
     * @return the value
     */
    public static JsonValue parse(String text) {
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /**
     * @param text any text
     * @return it as a JSON string literal, quoted and escaped
     */
    public static String quote(String text) {
        return JsonFactories.string(text).toString();
    }

    /**
     * JSON written with single quotes, for readable test literals.
     *
     * @param singleQuoted JSON text with ' for "
     * @return the object
     */
    public static JsonObject q(String singleQuoted) {
        return parseObject(singleQuoted.replace('\'', '"'));
    }
}
