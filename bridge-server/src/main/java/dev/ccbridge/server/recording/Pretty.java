package dev.ccbridge.server.recording;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;

import java.io.StringReader;
import java.io.StringWriter;

/** Pretty JSON for recordings, so fixtures diff line by line. */
public final class Pretty {

    private Pretty() {
    }

    /**
     * @param json a JSON object or array
     * @return it pretty-printed, ending with a newline
     */
    public static String json(JsonStructure json) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = JsonFactories.PRETTY_WRITERS.createWriter(out)) {
            writer.write(json);
        }
        return out.toString().strip() + "\n";
    }

    /**
     * @param text a body
     * @return the body pretty-printed when it is JSON, else unchanged
     */
    public static String jsonOrText(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return text;
        }
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(trimmed))) {
            return json(reader.read());
        } catch (RuntimeException e) {
            // Not JSON after all (JSON-P's own errors, or Parsson's bare ones for deep nesting and huge numbers).
            return text;
        }
    }
}
