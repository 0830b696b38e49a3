package dev.ccbridge.server.testing;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON-P's own reading (Parsson), the reference the bridge's reader is held to: its parser over a strict UTF-8
 * decoder, made to refuse text after the value (its {@code JsonReader} would drop it silently).
 */
public final class JsonPReference {

    private JsonPReference() {
    }

    /**
     * @param bytes a JSON document in UTF-8
     * @return its value
     * @throws RuntimeException whatever JSON-P throws when it refuses the bytes
     */
    public static JsonValue read(byte[] bytes) {
        Reader chars = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonParser parser = Json.createParser(chars)) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonParsingException("text after the value", parser.getLocation());
            }
            return value;
        }
    }
}
