package dev.ccbridge.server.json;

import dev.ccbridge.server.testing.JsonPReference;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge's JSON reader against JSON-P's own (Parsson): the same values, the same refusals. */
class Utf8JsonReaderTest {

    @Test
    void readsEveryJsonDocumentOfTheTestResourcesAsJsonPDoes() throws IOException, URISyntaxException {
        Path resources = Path.of(getClass().getResource("/openai-schema").toURI()).getParent();
        List<Path> documents;
        try (Stream<Path> files = Files.walk(resources)) {
            documents = files.filter(file -> file.toString().endsWith(".json")).toList();
        }
        assertTrue(documents.size() > 10, "documents found: " + documents);
        for (Path document : documents) {
            byte[] bytes = Files.readAllBytes(document);
            assertSame(JsonPReference.read(bytes), JsonBytes.read(bytes), document.toString());
            assertCopiesWriteAsJsonPWrites(bytes, document.toString());
        }
    }

    @Test
    void readsRandomDocumentsAsJsonPDoes() {
        Random random = new Random(20261121);
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = RandomJson.document(random).getBytes(StandardCharsets.UTF_8);
            assertSame(JsonPReference.read(bytes), JsonBytes.read(bytes), new String(bytes, StandardCharsets.UTF_8));
            assertCopiesWriteAsJsonPWrites(bytes, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Test
    void decodesEscapesAndEveryLengthOfUtf8() {
        String text = "a\"b\\c/d\be\ff\ng\rh\ti\u0000j\u001fk é ñ € 中 \uD83D\uDE00 \uD83E\uDD16";
        String json = "[\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u0000j\\u001Fk é \\u00f1 € 中 \uD83D\uDE00 "
                + "\\ud83e\\udd16\"]";
        assertEquals(text, JsonBytes.read(json.getBytes(StandardCharsets.UTF_8)).asJsonArray().getString(0));
        // A lone surrogate can only come from an escape; JSON-P keeps it, and so does this reader.
        byte[] lone = "[\"\\ud800x\"]".getBytes(StandardCharsets.UTF_8);
        assertEquals("\uD800x", JsonBytes.read(lone).asJsonArray().getString(0));
        assertSame(JsonPReference.read(lone), JsonBytes.read(lone), "a lone surrogate");
    }

    /** Long strings that mix escapes, Latin-1 letters and wider characters, wherever the wider one comes. */
    @Test
    void decodesLongStringsWithAWideCharacterAnywhere() {
        String latin = "line \\n with \\\"quotes\\\", ü, \\u00e9 and a tab\\t; ";
        String[] wide = {"€", "\\u20ac", "\uD83D\uDE00", "\\ud83d\\ude00", "\u0100"};
        for (int repeats : new int[] {0, 1, 7, 300}) {
            for (String w : wide) {
                for (String json : new String[] {
                    "[\"" + latin.repeat(repeats) + w + latin.repeat(repeats) + "\"]",
                    "[\"" + w + latin.repeat(repeats) + "\"]",
                    "[\"" + latin.repeat(repeats) + w + "\"]",
                    "[\"" + latin.repeat(repeats) + "\"]"}) {
                    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                    assertSame(JsonPReference.read(bytes), JsonBytes.read(bytes), json);
                    assertCopiesWriteAsJsonPWrites(bytes, json);
                }
            }
        }
    }

    @Test
    void commonMemberNamesAreTheSharedLiteralsAndOthersAreReadAsTheyAre() {
        JsonObject object = JsonBytes.read("{\"type\":1,\"input_schema\":2,\"typ\":3,\"types\":4,\"t\\u0079pe\":5}"
                .getBytes(StandardCharsets.UTF_8)).asJsonObject();
        List<String> names = List.copyOf(object.keySet());
        org.junit.jupiter.api.Assertions.assertSame("type", names.get(0));
        org.junit.jupiter.api.Assertions.assertSame("input_schema", names.get(1));
        assertEquals(List.of("type", "input_schema", "typ", "types"), names);
        // The escaped spelling of a name is the same name: its value replaces the first one's.
        assertEquals(5, object.getInt("type"));
    }

    @Test
    void aRepeatedNameKeepsItsFirstPlaceAndItsLastValueInSmallAndLargeObjects() {
        StringBuilder large = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            large.append("\"k").append(i).append("\":").append(i).append(',');
        }
        large.append("\"k3\":\"again\",\"k39\":null,\"k0\":[]}");
        for (String json : List.of("{\"a\":1,\"b\":2,\"a\":3}", large.toString())) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            JsonObject ours = JsonBytes.read(bytes).asJsonObject();
            assertSame(JsonPReference.read(bytes), ours, json);
            assertEquals(new ArrayList<>(JsonPReference.read(bytes).asJsonObject().keySet()), new ArrayList<>(ours.keySet()));
        }
    }

    @Test
    void readsNumbersAsJsonPDoes() {
        String json = "[0,-0,7,-7,123456789,-123456789,1234567890,-1234567890,2147483647,2147483648,-2147483649,"
                + "123456789012345678,-123456789012345678,1234567890123456789,-1234567890123456789,"
                + "99999999999999999999999999,1.5,-0.0,1e3,1E-3,2.5e+10,0.1,1e400]";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonArray ours = JsonBytes.read(bytes).asJsonArray();
        JsonArray theirs = JsonPReference.read(bytes).asJsonArray();
        assertSame(theirs, ours, json);
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(theirs.getJsonNumber(i).getClass(), ours.getJsonNumber(i).getClass(), "number " + i);
            assertEquals(theirs.getJsonNumber(i).isIntegral(), ours.getJsonNumber(i).isIntegral(), "number " + i);
        }
    }

    @Test
    void typedGettersAnswerAndThrowAsJsonPDoes() {
        byte[] bytes = "{\"s\":\"x\",\"n\":5,\"t\":true,\"f\":false,\"z\":null,\"o\":{},\"a\":[\"y\",6,true,null]}"
                .getBytes(StandardCharsets.UTF_8);
        JsonObject ours = JsonBytes.read(bytes).asJsonObject();
        JsonObject theirs = JsonPReference.read(bytes).asJsonObject();
        for (String name : List.of("s", "n", "t", "f", "z", "o", "a", "missing")) {
            List<Function<JsonObject, Object>> getters = List.of(o -> o.getString(name), o -> o.getString(name, "d"),
                    o -> o.getInt(name), o -> o.getInt(name, -1), o -> o.getBoolean(name),
                    o -> o.getBoolean(name, true), o -> o.isNull(name), o -> o.getJsonObject(name),
                    o -> o.getJsonArray(name), o -> o.getJsonString(name), o -> o.getJsonNumber(name),
                    o -> o.containsKey(name), o -> o.get(name));
            for (int g = 0; g < getters.size(); g++) {
                assertEquals(outcome(getters.get(g), theirs), outcome(getters.get(g), ours), name + " getter " + g);
            }
        }
        JsonArray ourArray = ours.getJsonArray("a");
        JsonArray theirArray = theirs.getJsonArray("a");
        for (int i = -1; i <= 4; i++) {
            int index = i;
            List<Function<JsonArray, Object>> getters = List.of(a -> a.getString(index),
                    a -> a.getString(index, "d"), a -> a.getInt(index), a -> a.getInt(index, -1),
                    a -> a.getBoolean(index), a -> a.getBoolean(index, true), a -> a.isNull(index),
                    a -> a.getJsonString(index), a -> a.getJsonNumber(index), a -> a.get(index));
            for (int g = 0; g < getters.size(); g++) {
                assertEquals(outcome(getters.get(g), theirArray), outcome(getters.get(g), ourArray),
                        "index " + i + " getter " + g);
            }
        }
        assertEquals(theirArray.getValuesAs(JsonValue.class), ourArray.getValuesAs(JsonValue.class));
    }

    @Test
    void valuesAreImmutable() {
        JsonObject object = JsonBytes.read("{\"a\":[1]}".getBytes(StandardCharsets.UTF_8)).asJsonObject();
        assertThrows(UnsupportedOperationException.class, () -> object.put("b", JsonValue.NULL));
        assertThrows(UnsupportedOperationException.class, () -> object.remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> object.getJsonArray("a").add(JsonValue.NULL));
        assertThrows(UnsupportedOperationException.class, () -> object.entrySet().iterator().next()
                .setValue(JsonValue.NULL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\"", "{\"a\":", "{\"a\":}", "{\"a\":1,}", "{\"a\" 1}", "{a:1}",
        "{\"a\":1 \"b\":2}", "[", "[1,]", "[1 2]", "[1]]", "{}{}", "{} x", "01", "-", "1.", "1.e3", "1e", "1e+",
        "+1", ".5", "tru", "nul", "falsy", "True", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"",
        "\"\\u12G4\"", "\"raw\ncontrol\"", "\"tab\tinside\"", "[\"a\",]", "{\"a\":1}}", "\"\\", "[1,\u00e9]",
        "\uFEFF{}"})
    void refusesWhatIsNotOneJsonValueAsJsonPDoes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThrows(RuntimeException.class, () -> JsonPReference.read(bytes), "JSON-P accepts " + text);
        JsonParsingException e = assertThrows(JsonParsingException.class, () -> JsonBytes.read(bytes), text);
        assertTrue(e.getLocation().getStreamOffset() >= 0 && e.getLocation().getStreamOffset() <= bytes.length,
                e.getMessage());
        assertTrue(e.getMessage().contains("offset " + e.getLocation().getStreamOffset()), e.getMessage());
    }

    @Test
    void saysWhereTheProblemIs() {
        JsonParsingException e = assertThrows(JsonParsingException.class,
                () -> JsonBytes.read("{\n  \"a\": [1,\n  2,,\n]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, e.getLocation().getLineNumber());
        assertEquals(5, e.getLocation().getColumnNumber());
        assertEquals(17, e.getLocation().getStreamOffset());
        assertEquals("unexpected ','; expected a value at line 3, column 5 (offset 17)", e.getMessage());
    }

    @Test
    void refusesMalformedUtf8InsideAndOutsideStrings() {
        byte[][] malformed = {
            {'[', '"', 'a', (byte) 0x80, '"', ']'},                                // a lone continuation byte
            {'[', '"', (byte) 0xE2, (byte) 0x82, '"', ']'},                         // truncated three-byte form
            {'[', '"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"', ']'},            // overlong three-byte slash
            {'[', '"', (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF, '"', ']'}, // overlong four-byte
            {'[', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', ']'}, // beyond U+10FFFF
            {'[', '"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', ']'},
            {'[', '"', (byte) 0xED, (byte) 0xBF, (byte) 0xBF, '"', ']'},            // an encoded low surrogate
            {'[', '1', ',', (byte) 0xFF, ']'},                                       // outside a string
            {'"', 'a', (byte) 0xC3},                                                 // cut at the end
        };
        for (byte[] bytes : malformed) {
            assertThrows(JsonBytes.NotUtf8Exception.class, () -> JsonBytes.read(bytes));
        }
    }

    @Test
    void nestingStopsWhereJsonPStops() {
        byte[] deepest = ("[".repeat(Utf8JsonReader.MAX_DEPTH - 1) + "]".repeat(Utf8JsonReader.MAX_DEPTH - 1))
                .getBytes(StandardCharsets.UTF_8);
        assertSame(JsonPReference.read(deepest), JsonBytes.read(deepest), "999 levels");
        byte[] tooDeep = ("{\"a\":".repeat(Utf8JsonReader.MAX_DEPTH) + "1" + "}".repeat(Utf8JsonReader.MAX_DEPTH))
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(RuntimeException.class, () -> JsonPReference.read(tooDeep));
        assertTrue(assertThrows(JsonParsingException.class, () -> JsonBytes.read(tooDeep)).getMessage()
                .contains("nested 1000 levels deep"));
    }

    @Test
    void refusesNumbersLongerThanJsonPReads() {
        byte[] longest = ("0." + "1".repeat(Utf8JsonReader.MAX_NUMBER_CHARS - 2)).getBytes(StandardCharsets.UTF_8);
        assertSame(JsonPReference.read(longest), JsonBytes.read(longest), "longest number");
        byte[] tooLong = ("0." + "1".repeat(Utf8JsonReader.MAX_NUMBER_CHARS)).getBytes(StandardCharsets.UTF_8);
        assertThrows(JsonParsingException.class, () -> JsonBytes.read(tooLong));
    }

    /** Equal values, the same hash, the same text from toString, the same bytes from the bridge's writer. */
    private static void assertSame(JsonValue expected, JsonValue actual, String what) {
        assertEquals(expected, actual, what);
        assertEquals(actual, expected, what);
        assertEquals(expected.hashCode(), actual.hashCode(), what);
        assertEquals(expected.toString(), actual.toString(), what);
        assertArrayEquals(JsonBytes.write(expected, 64), JsonBytes.write(actual, 64), what);
        assertEquals(expected.getValueType(), actual.getValueType(), what);
    }

    /** Written with its long strings copied from the input, a document is what JSON-P writes for it. */
    private static void assertCopiesWriteAsJsonPWrites(byte[] bytes, String what) {
        JsonBytes.Document document = JsonBytes.readDocument(bytes);
        assertArrayEquals(JsonBytes.write(JsonPReference.read(bytes), 64),
                JsonBytes.write(document.value(), 64, document.rawStrings()), what);
    }

    /** The value a getter returns, or the class of what it throws. */
    private static <T> Object outcome(Function<T, Object> getter, T target) {
        try {
            return getter.apply(target);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    /** JSON text of every shape, written with varied spacing and escapes. */
    private static final class RandomJson {

        private static final String[] TEXT = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "é",
            "ß", "€", "中", "\uD83D\uDE00", "\u2028", "\uFFFD", "key", "type", "0"};

        static String document(Random random) {
            StringBuilder out = new StringBuilder();
            space(random, out);
            value(random, out, 0);
            space(random, out);
            return out.toString();
        }

        private static void value(Random random, StringBuilder out, int depth) {
            int kind = random.nextInt(depth > 4 ? 5 : 8);
            switch (kind) {
                case 0 -> string(random, out);
                case 1 -> number(random, out);
                case 2 -> out.append(random.nextBoolean() ? "true" : "false");
                case 3 -> out.append("null");
                case 4 -> string(random, out);
                case 5, 6 -> {
                    out.append('{');
                    int members = random.nextInt(random.nextInt(10) == 0 ? 30 : 5);
                    for (int i = 0; i < members; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        space(random, out);
                        string(random, out);
                        space(random, out);
                        out.append(':');
                        space(random, out);
                        value(random, out, depth + 1);
                        space(random, out);
                    }
                    out.append('}');
                }
                default -> {
                    out.append('[');
                    int elements = random.nextInt(6);
                    for (int i = 0; i < elements; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        space(random, out);
                        value(random, out, depth + 1);
                        space(random, out);
                    }
                    out.append(']');
                }
            }
        }

        private static void string(Random random, StringBuilder out) {
            out.append('"');
            int length = random.nextInt(random.nextInt(8) == 0 ? 300 : 4);
            for (int i = 0; i < length; i++) {
                String text = TEXT[random.nextInt(TEXT.length)];
                for (int k = 0; k < text.length(); k++) {
                    char c = text.charAt(k);
                    boolean mustEscape = c == '"' || c == '\\' || c < 0x20;
                    if (mustEscape || random.nextInt(10) == 0) {
                        escape(random, out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
            out.append('"');
        }

        private static void escape(Random random, StringBuilder out, char c) {
            String shortForm = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> "\\/";
                case '\n' -> "\\n";
                case '\t' -> "\\t";
                default -> null;
            };
            if (shortForm != null && random.nextBoolean()) {
                out.append(shortForm);
            } else {
                String hex = String.format("%04x", (int) c);
                out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
            }
        }

        private static void number(Random random, StringBuilder out) {
            switch (random.nextInt(6)) {
                case 0 -> out.append(random.nextInt(1000) - 500);
                case 1 -> out.append(random.nextLong());
                case 2 -> out.append(random.nextInt());
                case 3 -> out.append(random.nextDouble() * 1000 - 500);
                case 4 -> out.append(random.nextInt(10)).append('e').append(random.nextBoolean() ? "-" : "+")
                        .append(random.nextInt(30));
                default -> out.append("-0.").append(Math.abs(random.nextLong())).append(Math.abs(random.nextLong()));
            }
        }

        private static void space(Random random, StringBuilder out) {
            if (random.nextInt(4) == 0) {
                out.append(" \t\n\r".charAt(random.nextInt(4)));
            }
        }
    }
}
