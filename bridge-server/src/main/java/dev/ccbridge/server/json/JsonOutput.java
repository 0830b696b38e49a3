package dev.ccbridge.server.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Compact JSON written straight into a growable UTF-8 byte buffer: whole JSON-P values, byte for byte what JSON-P's
 * own writer produces, and objects written member by member as a generator would, without JSON-P's per-use
 * generator and charset encoder. A long string read from a document whose {@link RawStrings} the output was given
 * is copied from that document's bytes. Other strings go through a small {@code char} scratch array in segments; a
 * segment of ASCII, which most are, is narrowed at once and scanned for escapes a word at a time. An unpaired
 * surrogate, which UTF-8 cannot express, is written as U+FFFD. Reusable after {@link #reset()}; not thread-safe.
 */
public final class JsonOutput {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private static final int SCRATCH_CHARS = 512;

    private final char[] scratch = new char[SCRATCH_CHARS];
    private final byte[] asciiScratch = new byte[SCRATCH_CHARS];
    private final RawStrings rawStrings;
    private byte[] buffer;
    private int position;
    /** Whether the next value or member follows another one at the same level, and so needs a comma. */
    private boolean afterValue;

    /**
     * @param capacity the initial capacity in bytes
     */
    public JsonOutput(int capacity) {
        this(capacity, null);
    }

    /**
     * @param capacity   the initial capacity in bytes
     * @param rawStrings the long strings of the document most of the output comes from, or {@code null}
     */
    public JsonOutput(int capacity, RawStrings rawStrings) {
        this.buffer = new byte[Math.max(capacity, 64)];
        this.rawStrings = rawStrings;
    }

    /** @return {@code this}, after opening an object */
    public JsonOutput startObject() {
        beforeValue();
        put('{');
        afterValue = false;
        return this;
    }

    /** @return {@code this}, after opening an array */
    public JsonOutput startArray() {
        beforeValue();
        put('[');
        afterValue = false;
        return this;
    }

    /** @return {@code this}, after closing the innermost object */
    public JsonOutput endObject() {
        put('}');
        afterValue = true;
        return this;
    }

    /** @return {@code this}, after closing the innermost array */
    public JsonOutput endArray() {
        put(']');
        afterValue = true;
        return this;
    }

    /**
     * @param name a member name, to be followed by its value
     * @return {@code this}
     */
    public JsonOutput name(String name) {
        beforeValue();
        quoted(name);
        put(':');
        afterValue = false;
        return this;
    }

    /**
     * @param text a string value, or {@code null} for JSON null
     * @return {@code this}
     */
    public JsonOutput string(String text) {
        beforeValue();
        if (text == null) {
            ascii("null");
        } else {
            quoted(text);
        }
        afterValue = true;
        return this;
    }

    /**
     * @param number a number value
     * @return {@code this}
     */
    public JsonOutput number(long number) {
        beforeValue();
        ascii(Long.toString(number));
        afterValue = true;
        return this;
    }

    /** @return {@code this}, after a JSON null */
    public JsonOutput nullValue() {
        beforeValue();
        ascii("null");
        afterValue = true;
        return this;
    }

    /**
     * @param value any JSON-P value
     * @return {@code this}
     */
    public JsonOutput value(JsonValue value) {
        beforeValue();
        afterValue = false;
        tree(value);
        afterValue = true;
        return this;
    }

    /**
     * Appends bytes outside JSON, e.g. SSE framing; the next value starts a new document.
     *
     * @param bytes the bytes
     * @return {@code this}
     */
    public JsonOutput raw(byte[] bytes) {
        bytes(bytes, 0, bytes.length);
        afterValue = false;
        return this;
    }

    /**
     * Appends ASCII text outside JSON, e.g. an SSE event name; the next value starts a new document.
     *
     * @param ascii the text, ASCII only
     * @return {@code this}
     */
    public JsonOutput raw(String ascii) {
        ascii(ascii);
        afterValue = false;
        return this;
    }

    /** @return how many bytes are pending */
    public int size() {
        return position;
    }

    /** @return a copy of the pending bytes */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    /**
     * @param out where the pending bytes go
     * @throws IOException when writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buffer, 0, position);
    }

    /** Forgets the pending bytes, keeping the buffer. */
    public void reset() {
        position = 0;
        afterValue = false;
    }

    private void beforeValue() {
        if (afterValue) {
            put(',');
        }
    }

    private void tree(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> object((JsonObject) value);
            case ARRAY -> array((JsonArray) value);
            case STRING -> {
                if (value instanceof JoinedString joined) {
                    quoted(joined);
                } else {
                    // getChars, not getString: a parsed JSON-P string is a StringBuilder that getString copies.
                    quoted(((JsonString) value).getChars());
                }
            }
            case NUMBER -> ascii(value.toString());
            case TRUE -> ascii("true");
            case FALSE -> ascii("false");
            case NULL -> ascii("null");
        }
    }

    private void object(JsonObject object) {
        if (object instanceof ParsedObject parsed) {
            parsedObject(parsed);
            return;
        }
        put('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            if (!first) {
                put(',');
            }
            first = false;
            quoted(member.getKey());
            put(':');
            tree(member.getValue());
        }
        put('}');
    }

    private void parsedObject(ParsedObject object) {
        if (rawStrings != null && rawStrings.copy(object, this)) {
            return;
        }
        put('{');
        for (int i = 0, n = object.memberCount(); i < n; i++) {
            if (i > 0) {
                put(',');
            }
            quoted(object.keyAt(i));
            put(':');
            tree(object.valueAt(i));
        }
        put('}');
    }

    private void array(JsonArray array) {
        put('[');
        for (int i = 0, n = array.size(); i < n; i++) {
            if (i > 0) {
                put(',');
            }
            tree(array.get(i));
        }
        put(']');
    }

    /** Appends bytes that are already JSON, e.g. a string's escaped text. */
    void bytes(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buffer, position, length);
        position += length;
    }

    private void put(char c) {
        ensure(1);
        buffer[position++] = (byte) c;
    }

    @SuppressWarnings("deprecation") // the byte-copying getBytes is exact for the ASCII it is given here
    private void ascii(String text) {
        ensure(text.length());
        text.getBytes(0, text.length(), buffer, position);
        position += text.length();
    }

    private void quoted(CharSequence text) {
        put('"');
        escaped(text);
        put('"');
    }

    /**
     * One string from its pieces; as one piece where a surrogate pair straddles two, which written apart would be
     * two unpaired surrogates.
     */
    private void quoted(JoinedString joined) {
        String[] pieces = joined.pieces();
        for (int i = 1; i < pieces.length; i++) {
            String before = pieces[i - 1];
            if (Character.isHighSurrogate(before.charAt(before.length() - 1))
                    && Character.isLowSurrogate(pieces[i].charAt(0))) {
                quoted(joined.getString());
                return;
            }
        }
        put('"');
        for (String piece : pieces) {
            escaped(piece);
        }
        put('"');
    }

    /**
     * Writes the text without quotes: copied from the document it was read from when that is known, else copied
     * through a {@code char} scratch array a segment at a time (one bulk copy, then array loops the JIT compiles
     * tightly, where {@code charAt} per character would cost a bounds and a coder check each): a scan for the next
     * character that needs escaping or encoding, a plain loop that narrows the run before it to bytes, and
     * {@link #special} for that character.
     */
    private void escaped(CharSequence text) {
        int length = text.length();
        if (text instanceof String string) {
            if (length < RawStrings.MIN_LENGTH ? shortPlain(string, length)
                    : rawStrings != null && rawStrings.copy(string, this)) {
                return;
            }
        }
        int i = 0;
        while (i < length) {
            int base = i;
            int n = Math.min(length - base, SCRATCH_CHARS);
            copy(text, base, base + n);
            if (asciiSegment(n)) {
                i = base + n;
                continue;
            }
            int k = 0;
            while (k < n) {
                int run = k;
                while (run < n && plain(scratch[run])) {
                    run++;
                }
                if (run > k) {
                    ensure(run - k);
                    byte[] out = buffer;
                    int offset = position - k;
                    for (int j = k; j < run; j++) {
                        out[offset + j] = (byte) scratch[j];
                    }
                    position += run - k;
                    k = run;
                }
                if (k < n) {
                    // A surrogate pair may straddle the segment's end: special reads the text, and k may pass n.
                    k = special(text, base + k, length) - base;
                }
            }
            i = base + k;
        }
    }

    /**
     * Writes a short string, such as a member name, straight into the buffer when none of its characters needs
     * escaping or encoding: for a few characters the segment copies of the general path cost more than the text.
     *
     * @return {@code false}, having written nothing, when one does
     */
    private boolean shortPlain(String text, int length) {
        ensure(length);
        byte[] out = buffer;
        int at = position;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!plain(c)) {
                return false;
            }
            out[at + i] = (byte) c;
        }
        position = at + length;
        return true;
    }

    /**
     * Writes the segment in the scratch array when it is all ASCII, which most text is: narrowed to bytes in one
     * loop, then scanned for what needs escaping a word at a time and copied in bulk between.
     *
     * @return {@code false}, having written nothing, when it is not
     */
    private boolean asciiSegment(int n) {
        char[] chars = scratch;
        byte[] bytes = asciiScratch;
        int bits = 0;
        for (int j = 0; j < n; j++) {
            char c = chars[j];
            bits |= c;
            bytes[j] = (byte) c;
        }
        if (bits >= 0x80) {
            return false;
        }
        int k = 0;
        while (true) {
            int next = AsciiScan.nextSpecial(bytes, k, n);
            ensure(next - k + 6);
            System.arraycopy(bytes, k, buffer, position, next - k);
            position += next - k;
            if (next == n) {
                return true;
            }
            escape((char) bytes[next]);
            k = next + 1;
        }
    }

    private void copy(CharSequence text, int from, int to) {
        switch (text) {
            case String string -> string.getChars(from, to, scratch, 0);
            case StringBuilder builder -> builder.getChars(from, to, scratch, 0);
            default -> {
                for (int i = from; i < to; i++) {
                    scratch[i - from] = text.charAt(i);
                }
            }
        }
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    }

    /** @return the index after the character (or surrogate pair) written */
    private int special(CharSequence text, int i, int length) {
        char c = text.charAt(i);
        ensure(6);
        if (c < 0x80) {
            escape(c);
        } else if (c < 0x800) {
            buffer[position++] = (byte) (0xC0 | c >> 6);
            buffer[position++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
            int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
            buffer[position++] = (byte) (0xF0 | codePoint >> 18);
            buffer[position++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            buffer[position++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            buffer[position++] = (byte) (0x80 | codePoint & 0x3F);
            return i + 2;
        } else if (Character.isSurrogate(c)) {
            System.arraycopy(REPLACEMENT, 0, buffer, position, REPLACEMENT.length);
            position += REPLACEMENT.length;
        } else {
            buffer[position++] = (byte) (0xE0 | c >> 12);
            buffer[position++] = (byte) (0x80 | c >> 6 & 0x3F);
            buffer[position++] = (byte) (0x80 | c & 0x3F);
        }
        return i + 1;
    }

    /** JSON's escapes as JSON-P writes them: the two-character forms where they exist, else the hex form. */
    private void escape(char c) {
        buffer[position++] = '\\';
        switch (c) {
            case '"' -> buffer[position++] = '"';
            case '\\' -> buffer[position++] = '\\';
            case '\n' -> buffer[position++] = 'n';
            case '\r' -> buffer[position++] = 'r';
            case '\t' -> buffer[position++] = 't';
            case '\b' -> buffer[position++] = 'b';
            case '\f' -> buffer[position++] = 'f';
            default -> {
                buffer[position++] = 'u';
                buffer[position++] = '0';
                buffer[position++] = '0';
                buffer[position++] = HEX[c >> 4];
                buffer[position++] = HEX[c & 0xF];
            }
        }
    }

    /** @return whether {@link #escape} writes the character, one below 0x20, in the six-character hex form */
    static boolean escapedInHex(char c) {
        return c != '\n' && c != '\r' && c != '\t' && c != '\b' && c != '\f';
    }

    /** @return the lower-case hex digit {@link #escape} writes for a value below 16 */
    static byte hexDigit(int value) {
        return HEX[value];
    }

    private void ensure(int more) {
        if (position + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }
}
