package dev.ccbridge.server.json;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

import java.io.StringWriter;
import java.util.Map;

/**
 * The JSON-P factories, created once: {@code Json.createReader} and friends look the provider up on every call,
 * which costs more than the parse of a small chunk.
 */
public final class JsonFactories {

    /** The JSON-P provider. */
    public static final JsonProvider PROVIDER = JsonProvider.provider();
    /** Builders for objects and arrays. */
    public static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    /** Readers. */
    public static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    /** Compact writers. */
    public static final JsonWriterFactory WRITERS = Json.createWriterFactory(Map.of());
    /** Pretty writers, for recordings and diffs. */
    public static final JsonWriterFactory PRETTY_WRITERS =
            Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private JsonFactories() {
    }

    /**
     * @param value a JSON value
     * @return its compact text, as JSON-P's own values write themselves (an unpaired surrogate stays one)
     */
    public static String text(JsonValue value) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = WRITERS.createWriter(text)) {
            writer.write(value);
        }
        return text.toString();
    }

    /**
     * @param value a string
     * @return it as a JSON value
     */
    public static JsonString string(String value) {
        return PROVIDER.createValue(value);
    }
}
