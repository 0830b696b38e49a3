package dev.ccbridge.server.fuzz;

import dev.ccbridge.server.json.JsonBytes;
import dev.ccbridge.server.testing.JsonPReference;

import com.code_intelligence.jazzer.junit.FuzzTest;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential fuzzing of the bridge's JSON reader against JSON-P's own (Parsson, over a strict UTF-8 decoder):
 * for any bytes, both accept with equal values (and the same text and written bytes, also when the bridge copies
 * long strings from the input), or both refuse.
 */
class JsonReaderFuzzTest {

    @FuzzTest
    void readsWhatJsonPReadsAndRefusesWhatItRefuses(byte[] bytes) {
        JsonValue theirs = jsonP(bytes);
        JsonBytes.Document ours;
        try {
            ours = JsonBytes.readDocument(bytes);
        } catch (JsonParsingException | JsonBytes.NotUtf8Exception e) {
            assertEquals(null, theirs, "JSON-P reads what the bridge refuses (" + e.getMessage() + "): "
                    + Arrays.toString(bytes));
            return;
        }
        assertTrue(theirs != null, "the bridge reads what JSON-P refuses: " + Arrays.toString(bytes));
        assertEquals(theirs, ours.value());
        assertEquals(theirs.hashCode(), ours.value().hashCode());
        assertEquals(theirs.toString(), ours.value().toString());
        String written = Arrays.toString(JsonBytes.write(theirs, 16));
        assertEquals(written, Arrays.toString(JsonBytes.write(ours.value(), 16)));
        assertEquals(written, Arrays.toString(JsonBytes.write(ours.value(), 16, ours.rawStrings())));
    }

    /** @return the value, or {@code null} when JSON-P refuses the bytes */
    private static JsonValue jsonP(byte[] bytes) {
        try {
            return JsonPReference.read(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
