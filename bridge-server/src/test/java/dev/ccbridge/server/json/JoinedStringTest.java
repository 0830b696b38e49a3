package dev.ccbridge.server.json;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinedStringTest {

    @Test
    void behavesAsAJsonPStringOfTheJoinedText() {
        JsonString joined = new JoinedString.Builder().append("first \"part\"").append("\n\n").append("second é")
                .build();
        JsonString jsonP = JsonFactories.string("first \"part\"\n\nsecond é");
        assertInstanceOf(JoinedString.class, joined);
        assertEquals(jsonP, joined);
        assertEquals(joined, jsonP);
        assertEquals(jsonP.hashCode(), joined.hashCode());
        assertEquals(jsonP.toString(), joined.toString());
        assertEquals(jsonP.getString(), joined.getString());
        assertEquals(JsonValue.ValueType.STRING, joined.getValueType());
    }

    @Test
    void oneOrNoPieceIsAPlainStringAndOneKeepsItsIdentity() {
        String piece = "a piece read from a request, passed through unchanged";
        JoinedString.Builder one = new JoinedString.Builder().append("").append(piece).append("");
        assertSame(piece, one.build().getString());
        assertTrue(new JoinedString.Builder().append("").isEmpty());
        assertEquals("", new JoinedString.Builder().build().getString());
    }

    @Test
    void piecesOfJoinedStringsAreTakenOverAndWrittenAsTheJoinedTextIs() {
        JsonString inner = new JoinedString.Builder().append("a").append("\u0001").build();
        JsonString outer = new JoinedString.Builder().append("Error: ").append(inner).append("\t\\ 中").build();
        assertWrittenAsTheJoinedText(outer);
        // A surrogate pair split between two pieces is one character; written apart it would be two lone halves.
        assertWrittenAsTheJoinedText(new JoinedString.Builder().append("smile \uD83D").append("\uDE00 done").build());
        // A lone half stays lone, and is written as U+FFFD, as in any other string.
        assertWrittenAsTheJoinedText(new JoinedString.Builder().append("lone \uD83D").append(" half").build());
    }

    @Test
    void longPiecesReadFromADocumentAreCopiedFromIt() {
        String json = "[\"a long first paragraph\\nwith an escaped line break in it\","
                + "\"a second paragraph, long enough to be copied as well\"]";
        JsonBytes.Document document = JsonBytes.readDocument(json.getBytes(StandardCharsets.UTF_8));
        JsonString joined = new JoinedString.Builder()
                .append(document.value().asJsonArray().getString(0)).append("\n\n")
                .append(document.value().asJsonArray().getString(1)).build();
        assertArrayEquals(JsonBytes.write(JsonFactories.string(joined.getString()), 16),
                JsonBytes.write(joined, 16, document.rawStrings()));
    }

    /** Byte for byte as the same text in one piece, which {@code JsonOutputTest} holds to JSON-P's writer. */
    private static void assertWrittenAsTheJoinedText(JsonString joined) {
        assertInstanceOf(JoinedString.class, joined);
        assertArrayEquals(JsonBytes.write(JsonFactories.string(joined.getString()), 16), JsonBytes.write(joined, 16));
    }
}
