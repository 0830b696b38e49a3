package dev.ccbridge.server.anthropic;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.stream.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames Anthropic stream events as SSE ({@code event: <name>\ndata: <json>\n\n}); Claude Code ignores events
 * without an {@code event:} line. One encoder per stream; it reuses its buffer, so it is not thread-safe.
 */
public final class SseEncoder {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    /**
     * Appends an event to the pending bytes.
     *
     * @param event the event
     */
    public void append(StreamEvent event) {
        buffer.writeBytes(EVENT);
        buffer.writeBytes(event.name().getBytes(StandardCharsets.US_ASCII));
        buffer.writeBytes(DATA);
        try (JsonGenerator json = JsonFactories.GENERATORS.createGenerator(buffer, StandardCharsets.UTF_8)) {
            writeData(event, json);
        }
        buffer.writeBytes(END);
    }

    /**
     * @return whether events are waiting to be written
     */
    public boolean hasPending() {
        return buffer.size() > 0;
    }

    /**
     * Hands the pending bytes over and clears them.
     *
     * @return the framed events
     */
    public byte[] drain() {
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }

    /**
     * Writes the pending bytes to a stream and clears them.
     *
     * @param out the target
     */
    public void drainTo(java.io.OutputStream out) throws java.io.IOException {
        buffer.writeTo(out);
        buffer.reset();
    }

    private static void writeData(StreamEvent event, JsonGenerator json) {
        json.writeStartObject().write("type", event.name());
        switch (event) {
            case StreamEvent.MessageStart start -> {
                json.writeStartObject("message")
                        .write("id", start.id())
                        .write("type", "message")
                        .write("role", "assistant")
                        .write("model", start.model())
                        .writeStartArray("content").writeEnd()
                        .writeNull("stop_reason")
                        .writeNull("stop_sequence");
                json.writeStartObject("usage")
                        .write("input_tokens", start.inputTokens())
                        .write("cache_creation_input_tokens", 0)
                        .write("cache_read_input_tokens", 0)
                        .write("output_tokens", 0)
                        .writeEnd();
                json.writeEnd();
            }
            case StreamEvent.BlockStart start -> {
                json.write("index", start.index());
                json.writeStartObject("content_block").write("type", start.kind().wire());
                switch (start.kind()) {
                    case TEXT -> json.write("text", "");
                    case THINKING -> json.write("thinking", "").write("signature", "");
                    case TOOL_USE -> json.write("id", start.toolId()).write("name", start.toolName())
                            .writeStartObject("input").writeEnd();
                }
                json.writeEnd();
            }
            case StreamEvent.BlockDelta delta -> json.write("index", delta.index())
                    .writeStartObject("delta")
                    .write("type", delta.kind().wire())
                    .write(delta.kind().field(), delta.value())
                    .writeEnd();
            case StreamEvent.BlockStop stop -> json.write("index", stop.index());
            case StreamEvent.MessageDelta delta -> {
                json.writeStartObject("delta").write("stop_reason", delta.stopReason());
                if (delta.stopSequence() == null) {
                    json.writeNull("stop_sequence");
                } else {
                    json.write("stop_sequence", delta.stopSequence());
                }
                json.writeEnd();
                writeUsage(json, delta.usage());
            }
            case StreamEvent.Error error -> json.writeStartObject("error")
                    .write("type", error.error().type())
                    .write("message", error.error().message())
                    .writeEnd();
            case StreamEvent.MessageStop stop -> {
            }
            case StreamEvent.Ping ping -> {
            }
        }
        json.writeEnd();
    }

    static void writeUsage(JsonGenerator json, TokenUsage usage) {
        json.writeStartObject("usage")
                .write("input_tokens", usage.inputTokens())
                .write("cache_creation_input_tokens", usage.cacheCreationTokens())
                .write("cache_read_input_tokens", usage.cacheReadTokens())
                .write("output_tokens", usage.outputTokens())
                .writeEnd();
    }
}
