package dev.ccbridge.replay.play;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical forms for comparing recorded and replayed bodies: JSON with object keys sorted (key order carries no
 * meaning) and arrays in their order (it does), pretty-printed so a difference shows as a line diff; SSE as its
 * events without pings (their number depends on timing).
 */
public final class Canonical {

    private static final JsonWriterFactory PRETTY = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING,
            true));

    private Canonical() {
    }

    /**
     * @param text a body
     * @return its canonical JSON, or the text itself when it is not JSON
     */
    public static String json(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return text;
        }
        try (JsonReader reader = Json.createReader(new StringReader(trimmed))) {
            return pretty(sorted(reader.readValue()));
        } catch (JsonException e) {
            return text;
        }
    }

    /**
     * @param sse an SSE body
     * @return its events as canonical text, one {@code event: name} line and the canonical data per event
     */
    public static String sse(String sse) {
        StringBuilder out = new StringBuilder();
        for (String[] event : events(sse)) {
            if ("ping".equals(event[0])) {
                continue;
            }
            out.append("event: ").append(event[0]).append('\n').append(json(event[1])).append('\n');
        }
        return out.toString();
    }

    private static List<String[]> events(String sse) {
        List<String[]> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (sse.replace("\r\n", "\n") + "\n\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (!data.isEmpty() || name != null) {
                    events.add(new String[] {name == null ? "message" : name, data.toString()});
                }
                name = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).strip());
            }
            // Comments (":...") and the id and retry fields carry no data.
        }
        return events;
    }

    private static JsonValue sorted(JsonValue value) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder out = Json.createObjectBuilder();
            new TreeMap<>(object).forEach((key, inner) -> out.add(key, sorted(inner)));
            return out.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder out = Json.createArrayBuilder();
            array.forEach(inner -> out.add(sorted(inner)));
            return out.build();
        }
        return value;
    }

    private static String pretty(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = PRETTY.createWriter(out)) {
            writer.write(value);
        }
        return out.toString().strip();
    }
}
