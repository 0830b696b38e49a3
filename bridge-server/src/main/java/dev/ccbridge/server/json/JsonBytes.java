package dev.ccbridge.server.json;

import jakarta.json.JsonValue;

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
     * @throws NotUtf8Exception                            when the bytes are not UTF-8
     * @throws jakarta.json.stream.JsonParsingException when they are not one JSON value, or nest
     *                                                     {@value Utf8JsonReader#MAX_DEPTH} levels deep or more
     */
    public static JsonValue read(byte[] bytes) {
        return Utf8JsonReader.read(bytes);
    }

    /**
     * A document's value and where its long strings lie in its bytes, for writing much of it out again.
     *
     * @param value      the value
     * @param rawStrings its long strings
     */
    public record Document(JsonValue value, RawStrings rawStrings) {
    }

    /**
     * As {@link #read(byte[])}, keeping where the long strings lie.
     *
     * @param bytes a JSON document in UTF-8
     * @return its value and its long strings, which hold on to {@code bytes}
     */
    public static Document readDocument(byte[] bytes) {
        RawStrings rawStrings = new RawStrings(bytes);
        return new Document(Utf8JsonReader.read(bytes, rawStrings), rawStrings);
    }

    /**
     * @param value    a JSON value
     * @param sizeHint the expected size in bytes, to size the buffer once
     * @return it written compactly in UTF-8
     */
    public static byte[] write(JsonValue value, int sizeHint) {
        return write(value, sizeHint, null);
    }

    /**
     * @param value      a JSON value
     * @param sizeHint   the expected size in bytes, to size the buffer once
     * @param rawStrings the long strings of the document much of the value was read from, copied rather than
     *                   written again; or {@code null}
     * @return it written compactly in UTF-8
     */
    public static byte[] write(JsonValue value, int sizeHint, RawStrings rawStrings) {
        return new JsonOutput(sizeHint, rawStrings).value(value).toByteArray();
    }
}
