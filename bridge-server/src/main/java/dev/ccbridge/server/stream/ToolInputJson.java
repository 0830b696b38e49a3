package dev.ccbridge.server.stream;

/**
 * The {@code input_json_delta} text of one tool_use block. Anthropic's SDKs parse the concatenated deltas as one
 * JSON object and fail the stream when they are not one, but upstreams do not always send one: a call cut short
 * by {@code max_tokens} or a dropped connection, arguments repeated by a tool-call parser
 * ({@code {"a":1}{"a":1}}), pieces sent under the wrong index. Pieces are still forwarded as they arrive, as far
 * as they continue a single JSON object:
 * <ul>
 *   <li>arguments that do not begin with an object are sent as {@code {"_raw_arguments":"..."}}, as the
 *       non-streamed path sends them ({@link dev.ccbridge.server.translate.CompletionTranslator#input});</li>
 *   <li>raw control characters inside strings are escaped, and a backslash that starts no escape is sent as a
 *       backslash;</li>
 *   <li>a number's exponent ends at nine digits, the most a Java reader of the input can hold;</li>
 *   <li>a comma at the end of a piece waits for what follows it, so the object can always be closed;</li>
 *   <li>whatever follows the complete object, or the first character that cannot continue it, is dropped with a
 *       log line;</li>
 *   <li>when the block closes, an unfinished object is completed: the open string, number or literal is
 *       finished, a key without a value gets {@code null}, open arrays and objects are closed.</li>
 * </ul>
 * One instance per tool call; not thread-safe.
 */
final class ToolInputJson {

    private static final System.Logger LOG = System.getLogger("ccbridge.stream");
    private static final String RAW_PREFIX = "{\"_raw_arguments\":\"";
    /** An exponent of more digits is no number Java's BigDecimal, so the bridge's own JSON reader, can hold. */
    private static final int MAX_EXPONENT_DIGITS = 9;

    /** Where the text is as a whole. */
    private enum Mode {
        /** Nothing but whitespace yet. */
        START,
        /** Inside the object. */
        OBJECT,
        /** The arguments are not an object; they are sent as a string inside one. */
        RAW,
        /** The object is complete; the rest is dropped. */
        COMPLETE,
        /** A character could not continue the object; the rest is dropped. */
        BROKEN
    }

    /** What the innermost open container expects next. */
    private enum Expect {
        KEY_OR_END, KEY, COLON, VALUE_OR_END, VALUE, COMMA_OR_END
    }

    /** The scalar being read, if any. */
    private enum Token {
        NONE, KEY, STRING, NUMBER, LITERAL
    }

    /** How far a number has come; the complete states are those a number may end in. */
    private enum Number {
        MINUS(false), ZERO(true), INTEGER(true), POINT(false), FRACTION(true), EXPONENT(false),
        EXPONENT_SIGN(false), EXPONENT_DIGITS(true);

        private final boolean complete;

        Number(boolean complete) {
            this.complete = complete;
        }
    }

    private final StringBuilder containers = new StringBuilder();
    private Mode mode = Mode.START;
    private Expect expect;
    private Token token = Token.NONE;
    private boolean escaped;
    private int unicodeDigits;
    private Number number;
    private int exponentDigits;
    private String literal;
    private int literalAt;
    private boolean heldComma;

    /**
     * @param arguments the next piece of the upstream's arguments
     * @return the text to send now, possibly empty
     */
    String append(String arguments) {
        StringBuilder out = new StringBuilder(arguments.length() + 8);
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            switch (mode) {
                case START -> start(c, out);
                case OBJECT -> {
                    if (!accept(c, out)) {
                        mode = Mode.BROKEN;
                        dropped(arguments.substring(i));
                        return out.toString();
                    }
                }
                case RAW -> escape(c, out);
                case COMPLETE -> {
                    if (!isWhitespace(c)) {
                        dropped(arguments.substring(i));
                        return out.toString();
                    }
                }
                case BROKEN -> {
                    return out.toString();
                }
            }
        }
        return out.toString();
    }

    /**
     * @return the text that completes the object when the block closes, possibly empty
     */
    String finish() {
        StringBuilder out = new StringBuilder();
        switch (mode) {
            case START, COMPLETE -> {
            }
            case RAW -> out.append("\"}");
            case OBJECT, BROKEN -> {
                finishToken(out);
                if (expect == Expect.COLON) {
                    out.append(":null");
                } else if (expect == Expect.VALUE && !heldComma) {
                    out.append("null");
                }
                for (int i = containers.length() - 1; i >= 0; i--) {
                    out.append(containers.charAt(i) == '{' ? '}' : ']');
                }
            }
        }
        mode = Mode.COMPLETE;
        return out.toString();
    }

    private void start(char c, StringBuilder out) {
        if (isWhitespace(c)) {
            return;
        }
        if (c == '{') {
            mode = Mode.OBJECT;
            open(c, out);
            return;
        }
        mode = Mode.RAW;
        out.append(RAW_PREFIX);
        escape(c, out);
    }

    /** @return whether {@code c} continues the object */
    private boolean accept(char c, StringBuilder out) {
        switch (token) {
            case KEY, STRING -> {
                return inString(c, out);
            }
            case NUMBER -> {
                Number next = nextNumber(c);
                if (next == Number.EXPONENT_DIGITS && ++exponentDigits > MAX_EXPONENT_DIGITS) {
                    next = null;
                }
                if (next != null) {
                    number = next;
                    out.append(c);
                    return true;
                }
                if (!number.complete) {
                    return false;
                }
                endValue();
            }
            case LITERAL -> {
                if (c != literal.charAt(literalAt)) {
                    return false;
                }
                out.append(c);
                if (++literalAt == literal.length()) {
                    endValue();
                }
                return true;
            }
            case NONE -> {
            }
        }
        if (isWhitespace(c)) {
            out.append(c);
            return true;
        }
        return switch (expect) {
            case KEY_OR_END -> c == '}' ? close(c, out) : key(c, out);
            case KEY -> key(c, out);
            case COLON -> {
                if (c != ':') {
                    yield false;
                }
                out.append(c);
                expect = Expect.VALUE;
                yield true;
            }
            case VALUE_OR_END -> c == ']' ? close(c, out) : value(c, out);
            case VALUE -> value(c, out);
            case COMMA_OR_END -> {
                if (c == ',') {
                    heldComma = true;
                    expect = innermost() == '{' ? Expect.KEY : Expect.VALUE;
                    yield true;
                }
                yield (c == '}' || c == ']') && close(c, out);
            }
        };
    }

    private boolean inString(char c, StringBuilder out) {
        if (unicodeDigits > 0) {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
            unicodeDigits--;
            out.append(c);
            return true;
        }
        if (escaped) {
            escaped = false;
            if (c == 'u') {
                unicodeDigits = 4;
                out.append(c);
                return true;
            }
            if ("\"\\/bfnrt".indexOf(c) >= 0) {
                out.append(c);
                return true;
            }
            out.append('\\');
        }
        if (c == '"') {
            out.append(c);
            if (token == Token.KEY) {
                token = Token.NONE;
                expect = Expect.COLON;
            } else {
                endValue();
            }
        } else if (c == '\\') {
            escaped = true;
            out.append(c);
        } else if (c < 0x20) {
            escape(c, out);
        } else {
            out.append(c);
        }
        return true;
    }

    private boolean key(char c, StringBuilder out) {
        if (c != '"') {
            return false;
        }
        releaseComma(out);
        out.append(c);
        token = Token.KEY;
        return true;
    }

    private boolean value(char c, StringBuilder out) {
        switch (c) {
            case '"' -> token = Token.STRING;
            case '{', '[' -> {
                releaseComma(out);
                open(c, out);
                return true;
            }
            case '-' -> {
                token = Token.NUMBER;
                number = Number.MINUS;
                exponentDigits = 0;
            }
            case 't', 'f', 'n' -> {
                token = Token.LITERAL;
                literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
                literalAt = 1;
            }
            default -> {
                if (c < '0' || c > '9') {
                    return false;
                }
                token = Token.NUMBER;
                number = c == '0' ? Number.ZERO : Number.INTEGER;
                exponentDigits = 0;
            }
        }
        releaseComma(out);
        out.append(c);
        return true;
    }

    private Number nextNumber(char c) {
        boolean digit = c >= '0' && c <= '9';
        boolean exponent = c == 'e' || c == 'E';
        return switch (number) {
            case MINUS -> digit ? (c == '0' ? Number.ZERO : Number.INTEGER) : null;
            case ZERO -> c == '.' ? Number.POINT : exponent ? Number.EXPONENT : null;
            case INTEGER -> digit ? Number.INTEGER : c == '.' ? Number.POINT : exponent ? Number.EXPONENT : null;
            case POINT, FRACTION -> digit ? Number.FRACTION : exponent && number == Number.FRACTION
                    ? Number.EXPONENT : null;
            case EXPONENT -> digit ? Number.EXPONENT_DIGITS : c == '+' || c == '-' ? Number.EXPONENT_SIGN : null;
            case EXPONENT_SIGN, EXPONENT_DIGITS -> digit ? Number.EXPONENT_DIGITS : null;
        };
    }

    private void finishToken(StringBuilder out) {
        switch (token) {
            case KEY, STRING -> {
                out.append("0".repeat(unicodeDigits));
                if (escaped) {
                    out.append('\\');
                }
                out.append('"');
                if (token == Token.KEY) {
                    expect = Expect.COLON;
                } else {
                    expect = Expect.COMMA_OR_END;
                }
            }
            case NUMBER -> {
                if (!number.complete) {
                    out.append('0');
                }
                expect = Expect.COMMA_OR_END;
            }
            case LITERAL -> {
                out.append(literal, literalAt, literal.length());
                expect = Expect.COMMA_OR_END;
            }
            case NONE -> {
            }
        }
        token = Token.NONE;
    }

    private void open(char c, StringBuilder out) {
        containers.append(c);
        out.append(c);
        expect = c == '{' ? Expect.KEY_OR_END : Expect.VALUE_OR_END;
    }

    private boolean close(char c, StringBuilder out) {
        if (heldComma || c != (innermost() == '{' ? '}' : ']')) {
            return false;
        }
        containers.setLength(containers.length() - 1);
        out.append(c);
        if (containers.isEmpty()) {
            mode = Mode.COMPLETE;
        } else {
            expect = Expect.COMMA_OR_END;
        }
        return true;
    }

    private void endValue() {
        token = Token.NONE;
        expect = Expect.COMMA_OR_END;
    }

    private void releaseComma(StringBuilder out) {
        if (heldComma) {
            out.append(',');
            heldComma = false;
        }
    }

    private char innermost() {
        return containers.charAt(containers.length() - 1);
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static void dropped(String rest) {
        LOG.log(System.Logger.Level.WARNING, () -> "tool call arguments are not one JSON object; dropped: "
                + (rest.length() > 80 ? rest.substring(0, 80) + "..." : rest));
    }
}
