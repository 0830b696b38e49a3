package dev.ccbridge.server.json;

import dev.ccbridge.server.testing.JsonPReference;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawStringsTest {

    private static final String PLAIN = "a plain string long enough to be kept as raw bytes";

    @Test
    void keepsLongStringsEscapedAsTheWriterEscapesAndFindsThemByIdentityOnly() {
        String json = "{\"plain\":\"" + PLAIN + "\","
                + "\"escaped\":\"line one\\nline \\\"two\\\"\\ttab \\\\ \\u0001 \\u001f é 中 \uD83D\uDE00 and more\","
                + "\"short\":\"short\","
                + "\"slash\":\"a slash escaped as JSON-P never writes it: \\/ \","
                + "\"letter\":\"a letter escaped as JSON-P never writes it: \\u00e9\","
                + "\"upper\":\"a control escaped in upper case hex: \\u001F .....\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonBytes.Document document = JsonBytes.readDocument(bytes);
        JsonObject object = document.value().asJsonObject();
        RawStrings raw = document.rawStrings();

        assertCopied(raw, object.getString("plain"), "a plain string long enough to be kept as raw bytes");
        assertCopied(raw, object.getString("escaped"),
                "line one\\nline \\\"two\\\"\\ttab \\\\ \\u0001 \\u001f é 中 \uD83D\uDE00 and more");
        assertFalse(raw.copy(new String(object.getString("plain")), new JsonOutput(16)), "an equal, other string");
        for (String name : new String[] {"short", "slash", "letter", "upper"}) {
            assertFalse(raw.copy(object.getString(name), new JsonOutput(16)), name);
        }
        assertArrayEquals(JsonBytes.write(JsonPReference.read(bytes), 16),
                JsonBytes.write(object, 16, raw));
    }

    @Test
    void findsEveryOneOfManyStringsOfTheSameLength() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(String.format("string number %05d of the same length", i))
                    .append('"');
        }
        byte[] bytes = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        JsonBytes.Document document = JsonBytes.readDocument(bytes);
        for (int i = 0; i < 500; i++) {
            String string = document.value().asJsonArray().getString(i);
            assertCopied(document.rawStrings(), string, string);
        }
        assertArrayEquals(JsonBytes.write(JsonPReference.read(bytes), 16),
                JsonBytes.write(document.value(), 16, document.rawStrings()));
    }

    @Test
    void copiesObjectsHeldAsTheWriterWritesThemAndOnlyThose() {
        String asWritten = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":-5,"
                + "\"maximum\":123456789012},\"flags\":[true,false,null,{}],\"text\":\"tab\\t quote\\\" é 中\"},"
                + "\"required\":[\"n\"]}";
        String[] notAsWritten = {
            "{\"a\": 1}", "{ \"a\":1}", "{\"a\":1 }", "{\"a\":[1, 2]}", "{\"a\":{ }}", "{\"a\":1,\"a\":2}",
            "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":-0}", "{\"a\":12345678901234567890}", "{\"a\":\"\\/\"}",
            "{\"a\":\"\\u00e9\"}", "{\"a\":\"\\u001F\"}", "{\"\\u0061\":1}", "{\"a\":[{\"b\":\"c\"},{\"d\": 0}]}",
        };
        for (String json : notAsWritten) {
            byte[] bytes = ("{\"schema\":" + json + "}").getBytes(StandardCharsets.UTF_8);
            JsonBytes.Document document = JsonBytes.readDocument(bytes);
            ParsedObject outer = (ParsedObject) document.value();
            assertFalse(document.rawStrings().copy((ParsedObject) outer.get("schema"), new JsonOutput(16)), json);
            assertFalse(document.rawStrings().copy(outer, new JsonOutput(16)), "around " + json);
            assertArrayEquals(JsonBytes.write(JsonPReference.read(bytes), 16),
                    JsonBytes.write(outer, 16, document.rawStrings()), json);
        }

        byte[] bytes = ("{\"tools\":[{\"name\":\"Read\",\"input_schema\":" + asWritten + "}], \"x\":1}")
                .getBytes(StandardCharsets.UTF_8);
        JsonBytes.Document document = JsonBytes.readDocument(bytes);
        ParsedObject schema = (ParsedObject) document.value().asJsonObject().getJsonArray("tools").getJsonObject(0)
                .get("input_schema");
        JsonOutput out = new JsonOutput(16);
        assertTrue(document.rawStrings().copy(schema, out));
        assertEquals(asWritten, new String(out.toByteArray(), StandardCharsets.UTF_8));
        assertFalse(document.rawStrings().copy((ParsedObject) document.value(), new JsonOutput(16)),
                "the white space before \"x\"");

        JsonBytes.Document other = JsonBytes.readDocument(asWritten.getBytes(StandardCharsets.UTF_8));
        assertFalse(document.rawStrings().copy((ParsedObject) other.value(), new JsonOutput(16)),
                "an object of another document");
        assertFalse(document.rawStrings().copy((ParsedObject) JsonBytes.read(asWritten.getBytes(
                StandardCharsets.UTF_8)), new JsonOutput(16)), "an object read without raw strings");
    }

    @Test
    void anObjectHeldAsWrittenHasASpanEqualToTheSameBytesInAnyOtherDocument() {
        String schema = "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\","
                + "\"description\":\"The absolute path to the file to read\"}},\"required\":[\"path\"]}";
        // The same length and one byte apart: told apart by the compare, whatever the hash.
        String nearly = schema.replace("absolute", "absolutE");
        JsonBytes.Document first = JsonBytes.readDocument(("{\"a\":" + schema + "}").getBytes(StandardCharsets.UTF_8));
        JsonBytes.Document second = JsonBytes.readDocument(("{\"b\":[1,2,3],\"c\":" + schema + ",\"d\":"
                + nearly + "}").getBytes(StandardCharsets.UTF_8));

        JsonSpan inFirst = first.rawStrings().span(first.value().asJsonObject().get("a"));
        JsonSpan inSecond = second.rawStrings().span(second.value().asJsonObject().get("c"));
        JsonSpan nearlyTheSame = second.rawStrings().span(second.value().asJsonObject().get("d"));
        assertEquals(schema.length(), inFirst.length());
        assertEquals(inFirst, inSecond);
        assertEquals(inFirst.hashCode(), inSecond.hashCode());
        assertEquals(inSecond, inFirst.detached());
        assertEquals(inFirst.hashCode(), inFirst.detached().hashCode());
        assertNotEquals(inFirst, nearlyTheSame);

        assertNull(second.rawStrings().span(first.value().asJsonObject().get("a")), "an object of another document");
        assertNull(second.rawStrings().span(second.value().asJsonObject().get("b")), "an array");
        JsonBytes.Document spaced = JsonBytes.readDocument("{\"a\": {\"b\": 1}}".getBytes(StandardCharsets.UTF_8));
        assertNull(spaced.rawStrings().span(spaced.value().asJsonObject().get("a")), "an object not as written");
    }

    /** Whatever is copied and whatever written, the bytes are the ones JSON-P's writer produces. */
    @Test
    void writesRandomDocumentsExactlyAsJsonPDoesWhateverItCopies() {
        Random random = new Random(20261121);
        for (int i = 0; i < 3000; i++) {
            StringBuilder json = new StringBuilder();
            randomValue(random, json, 0);
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            JsonBytes.Document document = JsonBytes.readDocument(bytes);
            assertArrayEquals(JsonBytes.write(JsonPReference.read(bytes), 16),
                    JsonBytes.write(document.value(), 16, document.rawStrings()), json.toString());
        }
    }

    private static void randomValue(Random random, StringBuilder json, int depth) {
        int kind = depth > 4 ? 2 + random.nextInt(3) : random.nextInt(5);
        switch (kind) {
            case 0 -> {
                json.append('{');
                int members = random.nextInt(5);
                for (int m = 0; m < members; m++) {
                    json.append(m > 0 ? "," : "").append(space(random)).append(randomString(random, true))
                            .append(space(random)).append(':').append(space(random));
                    randomValue(random, json, depth + 1);
                }
                json.append(space(random)).append('}');
            }
            case 1 -> {
                json.append('[');
                int elements = random.nextInt(4);
                for (int e = 0; e < elements; e++) {
                    json.append(e > 0 ? "," : "").append(space(random));
                    randomValue(random, json, depth + 1);
                }
                json.append(space(random)).append(']');
            }
            case 2 -> json.append(randomString(random, false));
            case 3 -> json.append(new String[] {"0", "-0", "7", "-12", "2147483648", "1.5", "-2.50", "1e3", "1E-2",
                "123456789012345678", "-123456789012345678", "12345678901234567890"}[random.nextInt(12)]);
            default -> json.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
        }
    }

    private static String space(Random random) {
        return random.nextInt(12) == 0 ? " " : "";
    }

    private static String randomString(Random random, boolean name) {
        String[] pieces = {"a", "type", "b", "text", "\\n", "\\\"", "\\/", "\\u0001", "\\u001F", "\\u00e9", "é",
            "中", "\uD83D\uDE00", "\\\\", "\\t"};
        StringBuilder string = new StringBuilder("\"");
        int length = name ? 1 + random.nextInt(2) : random.nextInt(5);
        for (int i = 0; i < length; i++) {
            string.append(pieces[random.nextInt(name ? 4 : pieces.length)]);
        }
        return string.append('"').toString();
    }

    private static void assertCopied(RawStrings raw, String string, String expectedBytes) {
        JsonOutput out = new JsonOutput(16);
        assertTrue(raw.copy(string, out), string);
        assertEquals(expectedBytes, new String(out.toByteArray(), StandardCharsets.UTF_8));
    }
}
