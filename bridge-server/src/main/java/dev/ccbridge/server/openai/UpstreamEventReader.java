package dev.ccbridge.server.openai;

import dev.ccbridge.api.UpstreamEvent;
import dev.ccbridge.server.json.JsonBytes;
import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Assembles server-sent events from an upstream stream: {@code data:} lines into {@link UpstreamEvent.Data} (or
 * {@link UpstreamEvent.Done}, {@link UpstreamEvent.Malformed}), comment lines into {@link UpstreamEvent.Comment},
 * other fields into {@link UpstreamEvent.Field}. Lenient where upstreams are sloppy: two JSON {@code data:} lines
 * (or a JSON line and {@code [DONE]}) without a blank line between them are two events, not one broken one; an
 * {@code event: error} is an error whether its data is an object or text. Strict about the JSON itself: text
 * after the object makes the event {@link UpstreamEvent.Malformed}, since a JSON reader would silently drop it.
 */
public final class UpstreamEventReader {

    private final SseLineReader lines;
    private final int maxEventChars;
    private final StringBuilder data = new StringBuilder();
    private final ArrayDeque<UpstreamEvent> ready = new ArrayDeque<>(2);
    private String eventName;
    private boolean ended;

    /**
     * @param in the upstream body; never closed by this reader
     */
    public UpstreamEventReader(InputStream in) {
        this(in, SseLineReader.MAX_LINE_BYTES);
    }

    /**
     * @param in            the upstream body; never closed by this reader
     * @param maxEventChars the longest event's data: an upstream that never ends one must not take the heap
     */
    UpstreamEventReader(InputStream in, int maxEventChars) {
        this.lines = new SseLineReader(in, maxEventChars);
        this.maxEventChars = maxEventChars;
    }

    /**
     * @return the next event, or {@code null} at the end of the stream
     * @throws IOException when reading fails
     */
    public UpstreamEvent next() throws IOException {
        while (ready.isEmpty()) {
            if (ended) {
                return null;
            }
            String line = lines.readLine();
            if (line == null) {
                ended = true;
                dispatch();
            } else {
                accept(line);
            }
        }
        return ready.poll();
    }

    private void accept(String line) throws IOException {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            ready.add(new UpstreamEvent.Comment(line.substring(1).strip()));
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (!value.isEmpty() && value.charAt(0) == ' ') {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (!data.isEmpty() && data.charAt(0) == '{' && (value.startsWith("{") || value.equals("[DONE]"))) {
                    dispatch();
                }
                if (data.length() + 1 + value.length() > maxEventChars) {
                    throw new IOException("the upstream sent an SSE event longer than " + maxEventChars
                            + " characters");
                }
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(value);
            }
            case "event" -> eventName = value;
            case "id", "retry" -> {
            }
            default -> ready.add(new UpstreamEvent.Field(field, value));
        }
    }

    private void dispatch() {
        String name = eventName;
        eventName = null;
        if (data.isEmpty()) {
            return;
        }
        String payload = data.toString().strip();
        data.setLength(0);
        UpstreamEvent event = parse(payload);
        if ("error".equals(name)) {
            event = asError(event, payload);
        }
        ready.add(event);
    }

    /** An {@code event: error} in the {@code {"error": {...}}} form, whether its data was an object or text. */
    private static UpstreamEvent asError(UpstreamEvent event, String payload) {
        if (event instanceof UpstreamEvent.Data d && d.json().containsKey("error")) {
            return event;
        }
        JsonObject error = event instanceof UpstreamEvent.Data d ? d.json()
                : JsonFactories.BUILDERS.createObjectBuilder().add("message", payload).build();
        return new UpstreamEvent.Data(JsonFactories.BUILDERS.createObjectBuilder().add("error", error).build());
    }

    /**
     * @param payload a {@code data:} payload
     * @return the event it stands for
     */
    public static UpstreamEvent parse(String payload) {
        if (payload.equals("[DONE]")) {
            return new UpstreamEvent.Done();
        }
        try {
            return JsonBytes.read(payload.getBytes(StandardCharsets.UTF_8)) instanceof JsonObject object
                    ? new UpstreamEvent.Data(object)
                    : new UpstreamEvent.Malformed(payload, "not a JSON object");
        } catch (JsonException e) {
            return new UpstreamEvent.Malformed(payload, e.getMessage());
        }
    }
}
