package dev.ccbridge.server.json;

import jakarta.json.JsonValue;

/**
 * The long strings read from one document, each with where its escaped text lies in the document's bytes: a
 * translation passes most text through unchanged (system prompt, tool descriptions, tool results), and
 * {@link JsonOutput} then copies those bytes instead of escaping and encoding the text again. A string is found by
 * identity, never by equality, so only the very {@code String} the reader made from those bytes is written from
 * them; and only a string whose escapes are exactly the ones {@link JsonOutput} writes is kept, so the copy is the
 * same bytes the writer would have produced. Objects the document holds as the writer would write them are copied
 * the same way (tool schemas, above all). Holds the document's bytes for as long as it is held itself.
 */
public final class RawStrings {

    /** Shorter strings are written faster than they are looked up. */
    static final int MIN_LENGTH = 32;

    private final byte[] source;
    private final Object document = new Object();
    private String[] strings = new String[64];
    /** Per slot of {@link #strings}: the start of the escaped text (after the opening quote) and its end. */
    private long[] spans = new long[64];
    private int size;

    RawStrings(byte[] source) {
        this.source = source;
    }

    /** Remembers that {@code string} was read from {@code source[from, to)}, escaped as the writer escapes. */
    void add(String string, int from, int to) {
        if (2 * (size + 1) > strings.length) {
            grow();
        }
        insert(strings, spans, string, (long) from << 32 | to);
        size++;
    }

    /**
     * Writes the string's escaped text, without quotes, when it was read from the document.
     *
     * @return whether it was
     */
    boolean copy(String string, JsonOutput out) {
        String[] table = strings;
        int mask = table.length - 1;
        for (int slot = hash(string) & mask; table[slot] != null; slot = slot + 1 & mask) {
            if (table[slot] == string) {
                long span = spans[slot];
                int from = (int) (span >>> 32);
                out.bytes(source, from, (int) span - from);
                return true;
            }
        }
        return false;
    }

    /** @return the token by which the objects read from this document name it */
    Object document() {
        return document;
    }

    /**
     * Writes the object when it was read from this document, as it lies there: written exactly as
     * {@link JsonOutput} would write it (no white space, no repeated names, escapes and numbers as it writes them),
     * which the reader checked.
     *
     * @return whether it was
     */
    boolean copy(ParsedObject object, JsonOutput out) {
        if (object.document() != document) {
            return false;
        }
        out.bytes(source, object.start(), object.end() - object.start());
        return true;
    }

    /**
     * @param value a value
     * @return its bytes, when it is an object read from this document as the writer would write it; else
     *         {@code null}
     */
    public JsonSpan span(JsonValue value) {
        if (value instanceof ParsedObject object && object.document() == document) {
            return new JsonSpan(source, object.start(), object.end());
        }
        return null;
    }

    private void grow() {
        String[] grownStrings = new String[strings.length * 2];
        long[] grownSpans = new long[spans.length * 2];
        for (int slot = 0; slot < strings.length; slot++) {
            if (strings[slot] != null) {
                insert(grownStrings, grownSpans, strings[slot], spans[slot]);
            }
        }
        strings = grownStrings;
        spans = grownSpans;
    }

    /**
     * Spreads strings by length: the identity hash code would do it better, but making one costs more than the
     * string's whole lookup, and the identity comparison settles a collision.
     */
    private static int hash(String string) {
        int h = string.length() * 0x9E3779B9;
        return h ^ h >>> 16;
    }

    private static void insert(String[] table, long[] spans, String string, long span) {
        int mask = table.length - 1;
        int slot = hash(string) & mask;
        while (table[slot] != null) {
            slot = slot + 1 & mask;
        }
        table[slot] = string;
        spans[slot] = span;
    }
}
