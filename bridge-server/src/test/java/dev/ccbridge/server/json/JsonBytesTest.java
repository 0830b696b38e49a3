package dev.ccbridge.server.json;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonBytesTest {

    @Test
    void writesEveryCharacterExactlyAsJsonPDoes() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            every.append(c);
        }
        for (char c = Character.MAX_SURROGATE + 1; c != 0; c++) {
            every.append(c);
        }
        every.append("\uD83D\uDE00 emoji \uD83E\uDD16 pairs");
        JsonValue value = JsonFactories.BUILDERS.createObjectBuilder()
                .add("every", every.toString())
                .add("key with \"quotes\" and \\ and \n", every.substring(0, 300))
                .build();
        assertArrayEquals(jsonP(value), JsonBytes.write(value, 16));
    }

    @Test
    void writesNestedStructuresNumbersAndLiteralsExactlyAsJsonPDoes() throws IOException {
        JsonValue value = JsonFactories.BUILDERS.createObjectBuilder()
                .add("int", 42).add("negative", -7L).add("long", Long.MAX_VALUE).add("double", 0.1)
                .add("big", new BigDecimal("1.000000000000000000001e-30")).add("true", true).add("false", false)
                .addNull("null")
                .add("empty object", JsonValue.EMPTY_JSON_OBJECT).add("empty array", JsonValue.EMPTY_JSON_ARRAY)
                .add("nested", JsonFactories.BUILDERS.createArrayBuilder().add(1).add("two")
                        .add(JsonFactories.BUILDERS.createObjectBuilder().add("three", JsonValue.EMPTY_JSON_ARRAY)))
                .build();
        assertArrayEquals(jsonP(value), JsonBytes.write(value, 0));
        try (InputStream in = getClass().getResourceAsStream("/upstream-corpus/deepseek-reasoning-then-tool.expected.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonValue document = JsonFactories.BUILDERS.createArrayBuilder().add(text).build();
            assertArrayEquals(jsonP(document), JsonBytes.write(document, 10));
        }
    }

    @Test
    void writesAsciiStringsOfEveryLengthAndMixExactlyAsJsonPDoes() {
        Random random = new Random(11);
        String pieces = "abcXYZ019 \"\\/?\n\t\r\u0000\u001f\u007f{}:,";
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(200); k > 0; k--) {
                text.append(pieces.charAt(random.nextInt(random.nextBoolean() ? 9 : pieces.length())));
            }
            JsonValue value = JsonFactories.BUILDERS.createArrayBuilder().add(text.toString()).build();
            assertArrayEquals(jsonP(value), JsonBytes.write(value, 4), text.toString());
        }
    }

    @Test
    void writesAnUnpairedSurrogateAsTheReplacementCharacter() {
        JsonValue value = JsonFactories.BUILDERS.createArrayBuilder().add("a\uD83Db").add("\uDE00").build();
        assertEquals("[\"a\uFFFDb\",\"\uFFFD\"]", new String(JsonBytes.write(value, 4), StandardCharsets.UTF_8));
        String ascii = "a question? then a lone \uD83D and another? \uDE00 and \"quotes\" to end?";
        JsonValue mixed = JsonFactories.BUILDERS.createArrayBuilder().add(ascii).build();
        assertEquals("[\"" + ascii.replace("\uD83D", "\uFFFD").replace("\uDE00", "\uFFFD").replace("\"", "\\\"")
                + "\"]", new String(JsonBytes.write(mixed, 4), StandardCharsets.UTF_8));
    }

    @Test
    void readsWhatItWrites() {
        JsonValue value = JsonFactories.BUILDERS.createObjectBuilder().add("text", "héllo \uD83D\uDE00 \u0001")
                .add("n", 3).build();
        assertEquals(value, JsonBytes.read(JsonBytes.write(value, 8)));
    }

    @Test
    void readsAGenuineReplacementCharacter() {
        assertEquals("\uFFFD", JsonBytes.read("[\"\uFFFD\"]".getBytes(StandardCharsets.UTF_8)).asJsonArray()
                .getString(0));
    }

    @Test
    void refusesMalformedUtf8() {
        byte[][] malformed = {
                {'[', '"', (byte) 0xC3, '"', ']'},                          // truncated sequence
                {'[', '"', (byte) 0xC0, (byte) 0xAF, '"', ']'},             // overlong slash
                {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'}, // encoded surrogate
                {'[', '"', (byte) 0xFF, '"', ']'},
        };
        for (byte[] bytes : malformed) {
            assertThrows(JsonBytes.NotUtf8Exception.class, () -> JsonBytes.read(bytes));
        }
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThrows(JsonException.class, () -> JsonBytes.read("{\"a\":".getBytes(StandardCharsets.UTF_8)));
        assertThrows(JsonException.class, () -> JsonBytes.read("nope".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] jsonP(JsonValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter writer = JsonFactories.WRITERS.createWriter(out)) {
            writer.write(value);
        }
        return out.toByteArray();
    }
}
