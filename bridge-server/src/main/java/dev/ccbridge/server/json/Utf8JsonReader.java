package dev.ccbridge.server.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one JSON document from UTF-8 bytes into JSON-P values, straight from the bytes: no charset decoder in front
 * of the parser, no builders behind it. A string of printable ASCII without escapes, most of any request, becomes a
 * {@code String} in one copy; others are decoded and unescaped through one reused {@code char} array. Given a
 * {@link RawStrings}, the reader tells it where each long string's escaped text lies, if it is escaped as
 * {@link JsonOutput} would escape it, and tells each object that the bytes hold exactly as {@link JsonOutput} would
 * write it where it lies. Malformed UTF-8 is an error, never a silent U+FFFD; so is anything that is not exactly one
 * JSON value (RFC 8259), and, as in JSON-P, nesting at or beyond {@value #MAX_DEPTH} levels, numbers longer than
 * {@value #MAX_NUMBER_CHARS} characters and exponents beyond an int's range. A repeated member name keeps its first
 * position and its last value, as JSON-P's reader does. One instance reads one document.
 */
final class Utf8JsonReader {

    static final int MAX_DEPTH = 1000;
    static final int MAX_NUMBER_CHARS = 1100;
    /** Objects with more members than this get an index for lookups and for finding repeated names. */
    private static final int SCAN_LIMIT = 12;

    private static final String[] NO_KEYS = {};
    private static final JsonValue[] NO_VALUES = {};
    private static final JsonObject EMPTY_OBJECT = new ParsedObject(NO_KEYS, NO_VALUES, null);
    private static final JsonArray EMPTY_ARRAY = new ParsedArray(NO_VALUES);

    private final byte[] in;
    private final RawStrings rawStrings;
    private int pos;
    private int depth;
    /** Members and elements of the objects and arrays being read, innermost last. */
    private String[] keys = new String[32];
    private JsonValue[] values = new JsonValue[32];
    private int top;
    /** Strings that need decoding or unescaping are assembled here. */
    private char[] chars = new char[128];
    /** Whether every escape of the string being decoded is the one {@link JsonOutput} writes for its character. */
    private boolean escapedAsWritten;
    /**
     * Whether everything read since the innermost open object began is exactly what {@link JsonOutput} would write
     * for it: no white space, no repeated names, escapes and numbers as it writes them. Such an object is told
     * where it lies, so that it can be copied rather than written again.
     */
    private boolean asWritten = true;

    private Utf8JsonReader(byte[] in, RawStrings rawStrings) {
        this.in = in;
        this.rawStrings = rawStrings;
    }

    /**
     * @param bytes a JSON document in UTF-8
     * @return its value
     * @throws JsonBytes.NotUtf8Exception when the bytes are not UTF-8
     * @throws JsonParsingException       when they are not one JSON value, with where
     */
    static JsonValue read(byte[] bytes) {
        return new Utf8JsonReader(bytes, null).document();
    }

    /**
     * @param bytes      a JSON document in UTF-8
     * @param rawStrings told where the document's long strings lie in {@code bytes}
     * @return its value
     */
    static JsonValue read(byte[] bytes, RawStrings rawStrings) {
        return new Utf8JsonReader(bytes, rawStrings).document();
    }

    private JsonValue document() {
        skipWhitespace();
        if (pos == in.length) {
            throw error(pos, "no JSON value, only white space");
        }
        JsonValue value = value();
        skipWhitespace();
        if (pos != in.length) {
            throw unexpected("the end after the JSON value");
        }
        return value;
    }

    private JsonValue value() {
        if (pos >= in.length) {
            throw unexpected("a value");
        }
        return switch (in[pos]) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> JsonFactories.string(string());
            case 't' -> literal("true", JsonValue.TRUE);
            case 'f' -> literal("false", JsonValue.FALSE);
            case 'n' -> literal("null", JsonValue.NULL);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            default -> throw unexpected("a value");
        };
    }

    private JsonObject object() {
        int from = pos;
        boolean outerAsWritten = asWritten;
        asWritten = true;
        if (!opened('}')) {
            asWritten &= outerAsWritten;
            return EMPTY_OBJECT;
        }
        int start = top;
        Map<String, Integer> index = null;
        do {
            if (peek() != '"') {
                throw unexpected("a member name in double quotes");
            }
            String key = memberName();
            skipWhitespace();
            if (peek() != ':') {
                throw unexpected("':' after the member name");
            }
            pos++;
            skipWhitespace();
            JsonValue value = value();
            int repeated = index != null ? index.getOrDefault(key, -1) : scan(start, key);
            if (repeated >= 0) {
                values[start + repeated] = value;
                asWritten = false;
            } else {
                push(key, value);
                if (index != null) {
                    index.put(key, top - start - 1);
                } else if (top - start > SCAN_LIMIT) {
                    index = index(start);
                }
            }
        } while (another('}'));
        String[] memberKeys = Arrays.copyOfRange(keys, start, top);
        JsonValue[] memberValues = Arrays.copyOfRange(values, start, top);
        ParsedObject object = asWritten && rawStrings != null
                ? new ParsedObject(memberKeys, memberValues, index, rawStrings.document(), (long) from << 32 | pos)
                : new ParsedObject(memberKeys, memberValues, index);
        asWritten &= outerAsWritten;
        top = start;
        depth--;
        return object;
    }

    private int scan(int start, String key) {
        for (int i = start; i < top; i++) {
            if (keys[i].equals(key)) {
                return i - start;
            }
        }
        return -1;
    }

    private Map<String, Integer> index(int start) {
        Map<String, Integer> index = HashMap.newHashMap(2 * (top - start));
        for (int i = start; i < top; i++) {
            index.put(keys[i], i - start);
        }
        return index;
    }

    private JsonArray array() {
        if (!opened(']')) {
            return EMPTY_ARRAY;
        }
        int start = top;
        do {
            push(null, value());
        } while (another(']'));
        ParsedArray array = new ParsedArray(Arrays.copyOfRange(values, start, top));
        top = start;
        depth--;
        return array;
    }

    /**
     * Steps over the opening bracket under {@code pos} and the white space after it, one level deeper.
     *
     * @return {@code false}, the closing bracket consumed and the level left, when the object or array is empty
     */
    private boolean opened(char close) {
        if (++depth >= MAX_DEPTH) {
            throw error(pos, "nested " + MAX_DEPTH + " levels deep or more");
        }
        pos++;
        skipWhitespace();
        if (peek() != close) {
            return true;
        }
        pos++;
        depth--;
        return false;
    }

    /**
     * After a member or element: steps over the comma and the white space after it, or over the closing bracket.
     *
     * @return whether another member or element follows
     */
    private boolean another(char close) {
        skipWhitespace();
        int next = peek();
        if (next == close) {
            pos++;
            return false;
        }
        if (next != ',') {
            throw unexpected("',' or '" + close + "'");
        }
        pos++;
        skipWhitespace();
        return true;
    }

    private void push(String key, JsonValue value) {
        if (top == values.length) {
            keys = Arrays.copyOf(keys, top * 2);
            values = Arrays.copyOf(values, top * 2);
        }
        keys[top] = key;
        values[top] = value;
        top++;
    }

    /** Reads the member name starting at the opening quote under {@code pos}: a shared string if it is a common one. */
    private String memberName() {
        int start = pos + 1;
        int end = AsciiScan.nextSpecialOrNonAscii(in, start, in.length);
        if (end < in.length && in[end] == '"') {
            String known = MemberNames.find(in, start, end);
            if (known != null) {
                pos = end + 1;
                return known;
            }
        }
        return string(start, end);
    }

    /** Reads the string starting at the opening quote under {@code pos}. */
    private String string() {
        int start = pos + 1;
        return string(start, AsciiScan.nextSpecialOrNonAscii(in, start, in.length));
    }

    /**
     * Reads the string whose text starts at {@code start}, given where the first byte that is not plain printable
     * ASCII is.
     */
    private String string(int start, int end) {
        byte[] in = this.in;
        if (end == in.length) {
            throw error(in.length, "unexpected end of input in a string");
        }
        if (in[end] != '"') {
            return decodedString(start, end);
        }
        pos = end + 1;
        String string = new String(in, start, end - start, StandardCharsets.ISO_8859_1);
        remember(string, start, end);
        return string;
    }

    /** The rest of a string from {@code from}, where the first character that needs work is; plain ASCII before. */
    private String decodedString(int start, int from) {
        byte[] in = this.in;
        int length = from - start;
        // Sized once for the whole string, which decodes to at most one char per byte: the chars so far never
        // outrun the bytes read, so no escape or sequence can overflow it.
        int capacity = closingQuote(from) - start + 2;
        if (capacity > chars.length) {
            chars = new char[Math.max(capacity, 2 * chars.length)];
        }
        char[] out = chars;
        for (int j = 0; j < length; j++) {
            out[j] = (char) in[start + j];
        }
        escapedAsWritten = true;
        int p = from;
        while (true) {
            // The plain run: found a word at a time, then widened in a loop with nothing else in it.
            int end = AsciiScan.nextSpecialOrNonAscii(in, p, in.length);
            for (int j = p; j < end; j++) {
                out[length + j - p] = (char) in[j];
            }
            length += end - p;
            p = end;
            if (p >= in.length) {
                throw error(in.length, "unexpected end of input in a string");
            }
            byte b = in[p];
            if (b == '"') {
                pos = p + 1;
                String string = new String(out, 0, length);
                if (escapedAsWritten) {
                    remember(string, start, p);
                } else {
                    asWritten = false;
                }
                return string;
            } else if (b == '\\') {
                p = unescape(p, length);
                length++;
            } else if (b >= 0) {
                pos = p;
                throw error(p, "control character " + describe(p) + " in a string; it must be escaped");
            } else {
                int size = Utf8.sequenceLength(in, p);
                if (size < 0) {
                    throw new JsonBytes.NotUtf8Exception();
                }
                length = Utf8.decode(in, p, size, out, length);
                p += size;
            }
        }
    }

    private void remember(String string, int from, int to) {
        if (rawStrings != null && string.length() >= RawStrings.MIN_LENGTH) {
            rawStrings.add(string, from, to);
        }
    }

    /** Unescapes the escape at {@code p} into {@code chars[at]}; returns the index after it. */
    private int unescape(int p, int at) {
        if (p + 1 >= in.length) {
            throw error(in.length, "unexpected end of input in a string");
        }
        char c = switch (in[p + 1]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int code = 0;
                for (int k = p + 2; k < p + 6; k++) {
                    int digit = k < in.length ? Character.digit(in[k], 16) : -1;
                    if (digit < 0) {
                        throw error(Math.min(k, in.length), "\\u must be followed by four hexadecimal digits");
                    }
                    code = code << 4 | digit;
                }
                yield (char) code;
            }
            default -> throw error(p + 1, "invalid escape \\" + describe(p + 1) + " in a string");
        };
        chars[at] = c;
        if (in[p + 1] == 'u') {
            escapedAsWritten &= c < 0x20 && JsonOutput.escapedInHex(c) && in[p + 2] == '0' && in[p + 3] == '0'
                    && in[p + 4] == JsonOutput.hexDigit(c >> 4) && in[p + 5] == JsonOutput.hexDigit(c & 0xF);
            return p + 6;
        }
        escapedAsWritten &= c != '/';
        return p + 2;
    }

    /** @return the index of the quote that ends the string {@code from} is in, or the input's length */
    private int closingQuote(int from) {
        int p = from;
        while (true) {
            p = AsciiScan.nextQuoteOrBackslash(in, p, in.length);
            if (p >= in.length || in[p] == '"') {
                return Math.min(p, in.length);
            }
            p += 2;
        }
    }

    private JsonValue number() {
        byte[] in = this.in;
        int start = pos;
        int p = start;
        boolean minus = in[p] == '-';
        if (minus) {
            p++;
        }
        if (p < in.length && in[p] == '0') {
            p++;
        } else {
            p = digits(p);
        }
        boolean integral = true;
        if (p < in.length && in[p] == '.') {
            integral = false;
            p = digits(p + 1);
        }
        if (p < in.length && (in[p] == 'e' || in[p] == 'E')) {
            integral = false;
            p++;
            if (p < in.length && (in[p] == '+' || in[p] == '-')) {
                p++;
            }
            p = digits(p);
        }
        pos = p;
        int length = p - start;
        // The writer writes a number as JSON-P prints it: an integer in plain digits, "-0" as "0", others varying.
        asWritten &= integral && length <= 18 && !(minus && length == 2 && in[start + 1] == '0');
        if (integral && (length <= 9 || minus && length <= 10)) {
            return JsonFactories.PROVIDER.createValue((int) integer(start, p, minus));
        }
        if (integral && (length <= 18 || minus && length <= 19)) {
            return JsonFactories.PROVIDER.createValue(integer(start, p, minus));
        }
        if (length > MAX_NUMBER_CHARS) {
            throw error(start, "a number of " + length + " characters; at most " + MAX_NUMBER_CHARS + " are read");
        }
        try {
            return JsonFactories.PROVIDER.createValue(new BigDecimal(new String(in, start, length,
                    StandardCharsets.ISO_8859_1)));
        } catch (NumberFormatException e) {
            // Valid JSON that no BigDecimal can hold: an exponent beyond an int's range.
            throw error(start, "a number whose exponent is out of range");
        }
    }

    /** @return the index after one or more digits from {@code p} */
    private int digits(int p) {
        int q = p;
        while (q < in.length && in[q] >= '0' && in[q] <= '9') {
            q++;
        }
        if (q == p) {
            pos = p;
            throw unexpected("a digit");
        }
        return q;
    }

    private long integer(int start, int end, boolean minus) {
        long value = 0;
        for (int i = minus ? start + 1 : start; i < end; i++) {
            value = value * 10 + (in[i] - '0');
        }
        return minus ? -value : value;
    }

    private JsonValue literal(String word, JsonValue value) {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= in.length || in[pos + i] != word.charAt(i)) {
                pos += i;
                throw unexpected("'" + word + "'");
            }
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        byte[] in = this.in;
        int p = pos;
        while (p < in.length) {
            byte b = in[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            p++;
        }
        asWritten &= p == pos;
        pos = p;
    }

    private int peek() {
        return pos < in.length ? in[pos] : -1;
    }

    /** What is under {@code pos} is not what the grammar wants there. */
    private RuntimeException unexpected(String expected) {
        if (pos >= in.length) {
            return error(pos, "unexpected end of input; expected " + expected);
        }
        if (in[pos] < 0 && Utf8.sequenceLength(in, pos) < 0) {
            return new JsonBytes.NotUtf8Exception();
        }
        return error(pos, "unexpected " + describe(pos) + "; expected " + expected);
    }

    private String describe(int p) {
        int b = in[p];
        if (b >= 0x20 && b < 0x7F) {
            return "'" + (char) b + "'";
        }
        int codePoint = b >= 0 ? b : Utf8.codePoint(in, p);
        return String.format("U+%04X", codePoint);
    }

    private JsonParsingException error(int offset, String message) {
        Location location = Location.of(in, offset);
        return new JsonParsingException(message + " at line " + location.lineNumber() + ", column "
                + location.columnNumber() + " (offset " + offset + ")", location);
    }

    /** Where in the document, lines and columns counted from 1 as JSON-P does. */
    private record Location(long lineNumber, long columnNumber, long streamOffset) implements JsonLocation {
        static Location of(byte[] in, int offset) {
            long line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset && i < in.length; i++) {
                if (in[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Location(line, offset - lineStart + 1L, offset);
        }

        @Override
        public long getLineNumber() {
            return lineNumber;
        }

        @Override
        public long getColumnNumber() {
            return columnNumber;
        }

        @Override
        public long getStreamOffset() {
            return streamOffset;
        }
    }
}
