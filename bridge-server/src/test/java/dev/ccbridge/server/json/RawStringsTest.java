package dev.ccbridge.server.json;

import dev.ccbridge.server.testing.JsonPReference;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static void assertCopied(RawStrings raw, String string, String expectedBytes) {
        JsonOutput out = new JsonOutput(16);
        assertTrue(raw.copy(string, out), string);
        assertEquals(expectedBytes, new String(out.toByteArray(), StandardCharsets.UTF_8));
    }
}
