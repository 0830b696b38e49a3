package dev.ccbridge.server.json;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whole JSON documents to and from UTF-8 bytes, as the request path needs them: read strictly (malformed UTF-8 is
 * an error, not a silent U+FFFD) and written compactly.
 */
public final class JsonBytes {

    private JsonBytes() {
    }

    /** The bytes are not UTF-8. */
    public static final class NotUtf8Exception extends RuntimeException {
        NotUtf8Exception() {
            super("not valid UTF-8", null, false, false);
        }
    }

    /**
     * @param bytes a JSON document in UTF-8
     * @return its value
     * @throws NotUtf8Exception           when the bytes are not UTF-8
     * @throws jakarta.json.JsonException when they are not one JSON value
     * @throws RuntimeException            when the value is nested deeper than JSON-P allows (Parsson's bare
     *                                     exception)
     */
    public static JsonValue read(byte[] bytes) {
        InputStreamReader chars = new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonParser parser = JsonFactories.PARSERS.createParser(chars)) {
            if (!parser.hasNext()) {
                throw new JsonException("no JSON value, only white space");
            }
            parser.next();
            JsonValue value = parser.getValue();
            // A reader would stop after the value and drop what follows; the parser sees it (Parsson throws).
            if (parser.hasNext()) {
                throw new JsonException("text after the JSON value at offset "
                        + parser.getLocation().getStreamOffset());
            }
            return value;
        } catch (JsonException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new NotUtf8Exception();
            }
            throw e;
        }
    }

    /**
     * @param value    a JSON value
     * @param sizeHint the expected size in bytes, to size the buffer once
     * @return it written compactly in UTF-8
     */
    public static byte[] write(JsonValue value, int sizeHint) {
        return new JsonOutput(sizeHint).value(value).toByteArray();
    }
}
