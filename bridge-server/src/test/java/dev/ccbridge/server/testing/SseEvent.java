package dev.ccbridge.server.testing;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of an Anthropic SSE stream as a client sees it.
 *
 * @param event the {@code event:} name, or {@code null} when the event had none
 * @param data  the parsed {@code data:} JSON
 */
public record SseEvent(String event, JsonObject data) {

    /**
     * Parses SSE text the way the spec (and the Anthropic SDKs) do.
     *
     * @param text the raw stream
     * @return the events in order
     */
    public static List<SseEvent> parse(String text) {
        List<SseEvent> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String raw : (text.replace("\r\n", "\n") + "\n\n").split("\n", -1)) {
            if (raw.isEmpty()) {
                if (!data.isEmpty()) {
                    try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(data.toString()))) {
                        events.add(new SseEvent(name, reader.readObject()));
                    }
                }
                name = null;
                data.setLength(0);
                continue;
            }
            if (raw.startsWith(":")) {
                continue;
            }
            int colon = raw.indexOf(':');
            String field = colon < 0 ? raw : raw.substring(0, colon);
            String value = colon < 0 ? "" : raw.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(value);
            }
        }
        return events;
    }

    /**
     * @return the data's {@code type}
     */
    public String type() {
        return data.getString("type", "");
    }
}
