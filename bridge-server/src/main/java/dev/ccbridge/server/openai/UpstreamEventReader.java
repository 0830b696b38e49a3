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
import java.util.Arrays;

/**
 * Assembles server-sent events from an upstream stream: {@code data:} lines into {@link UpstreamEvent.Data} (or
 * {@link UpstreamEvent.Done}, {@link UpstreamEvent.Malformed}), comment lines into {@link UpstreamEvent.Comment},
 * other fields into {@link UpstreamEvent.Field}. Lenient where upstreams are sloppy: two JSON {@code data:} lines
 * (or a JSON line and {@code [DONE]}) without a blank line between them are two events, not one broken one; an
 * {@code event: error} is an error whether its data is an object or text. Strict about the JSON itself: text
 * after the object makes the event {@link UpstreamEvent.Malformed}, since a JSON reader would silently drop it.
 */
public final class UpstreamEventReader {

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};
    private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final SseLineReader lines;
    private final int maxEventBytes;
    /** The event's {@code data:} lines so far, joined with LF, as bytes: most events are one line of JSON. */
    private byte[] data = new byte[256];
    private int dataLength;
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
     * @param maxEventBytes the longest event's data: an upstream that never ends one must not take the heap
     */
    UpstreamEventReader(InputStream in, int maxEventBytes) {
        this.lines = new SseLineReader(in, maxEventBytes);
        this.maxEventBytes = maxEventBytes;
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
            if (lines.next()) {
                accept(lines.line(), lines.length());
            } else {
                ended = true;
                dispatch();
            }
        }
        return ready.poll();
    }

    private void accept(byte[] line, int length) throws IOException {
        if (length == 0) {
            dispatch();
            return;
        }
        if (line[0] == ':') {
            ready.add(new UpstreamEvent.Comment(text(line, 1, length).strip()));
            return;
        }
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        int value = Math.min(colon + 1, length);
        if (value < length && line[value] == ' ') {
            value++;
        }
        if (named(DATA, line, colon)) {
            appendData(line, value, length);
        } else if (named(EVENT, line, colon)) {
            eventName = text(line, value, length);
        } else if (!named(ID, line, colon) && !named(RETRY, line, colon)) {
            ready.add(new UpstreamEvent.Field(text(line, 0, colon), text(line, value, length)));
        }
    }

    private void appendData(byte[] line, int from, int to) throws IOException {
        if (dataLength > 0 && data[0] == '{' && from < to
                && (line[from] == '{' || Arrays.equals(line, from, to, DONE, 0, DONE.length))) {
            dispatch();
        }
        int separator = dataLength > 0 ? 1 : 0;
        long length = (long) dataLength + separator + (to - from);
        if (length > maxEventBytes) {
            throw new IOException("the upstream sent an SSE event longer than " + maxEventBytes + " bytes");
        }
        if (length > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(Math.max(2L * data.length, length), maxEventBytes));
        }
        if (separator > 0) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(line, from, data, dataLength, to - from);
        dataLength += to - from;
    }

    private void dispatch() {
        String name = eventName;
        eventName = null;
        if (dataLength == 0) {
            return;
        }
        int from = 0;
        int to = dataLength;
        dataLength = 0;
        while (from < to && blank(data[from])) {
            from++;
        }
        while (to > from && blank(data[to - 1])) {
            to--;
        }
        UpstreamEvent event = parse(data, from, to);
        if ("error".equals(name)) {
            event = asError(event, text(data, from, to));
        }
        ready.add(event);
    }

    private static boolean named(byte[] field, byte[] line, int nameLength) {
        return Arrays.equals(field, 0, field.length, line, 0, nameLength);
    }

    /** What {@link String#strip()} strips, of the ASCII range: the white space of JSON and the controls. */
    private static boolean blank(byte b) {
        return b == ' ' || b >= '\t' && b <= '\r' || b >= 0x1C && b <= 0x1F;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
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
     * @param bytes a {@code data:} payload's bytes, in {@code [from, to)}
     * @return the event it stands for
     */
    private static UpstreamEvent parse(byte[] bytes, int from, int to) {
        if (Arrays.equals(bytes, from, to, DONE, 0, DONE.length)) {
            return new UpstreamEvent.Done();
        }
        byte[] payload = Arrays.copyOfRange(bytes, from, to);
        try {
            return JsonBytes.read(payload) instanceof JsonObject object
                    ? new UpstreamEvent.Data(object)
                    : new UpstreamEvent.Malformed(text(payload, 0, payload.length), "not a JSON object");
        } catch (JsonBytes.NotUtf8Exception e) {
            // As lenient as decoding it would be: what is not UTF-8 stands for U+FFFD.
            return parse(text(payload, 0, payload.length));
        } catch (JsonException e) {
            return new UpstreamEvent.Malformed(text(payload, 0, payload.length), e.getMessage());
        }
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
