package dev.ccbridge.server.anthropic;

import dev.ccbridge.server.json.JsonOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames Anthropic stream events as SSE ({@code event: <name>\ndata: <json>\n\n}); Claude Code ignores events
 * without an {@code event:} line. One encoder per stream; it reuses its buffer, so it is not thread-safe.
 */
public final class SseEncoder {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final JsonOutput buffer = new JsonOutput(512);

    /**
     * Appends an event to the pending bytes.
     *
     * @param event the event
     */
    public void append(StreamEvent event) {
        buffer.raw(EVENT).raw(event.name()).raw(DATA);
        writeData(event, buffer);
        buffer.raw(END);
    }

    /**
     * @return how many bytes are waiting to be written
     */
    public int pending() {
        return buffer.size();
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
     * @throws IOException when writing fails
     */
    public void drainTo(OutputStream out) throws IOException {
        buffer.writeTo(out);
        buffer.reset();
    }

    private static void writeData(StreamEvent event, JsonOutput json) {
        json.startObject().name("type").string(event.name());
        switch (event) {
            case StreamEvent.MessageStart start -> {
                json.name("message").startObject()
                        .name("id").string(start.id())
                        .name("type").string("message")
                        .name("role").string("assistant")
                        .name("model").string(start.model())
                        .name("content").startArray().endArray()
                        .name("stop_reason").nullValue()
                        .name("stop_sequence").nullValue()
                        .name("usage").startObject()
                        .name("input_tokens").number(start.inputTokens())
                        .name("cache_creation_input_tokens").number(0)
                        .name("cache_read_input_tokens").number(0)
                        .name("output_tokens").number(0)
                        .endObject()
                        .endObject();
            }
            case StreamEvent.BlockStart start -> {
                json.name("index").number(start.index())
                        .name("content_block").startObject().name("type").string(start.kind().wire());
                switch (start.kind()) {
                    case TEXT -> json.name("text").string("");
                    case THINKING -> json.name("thinking").string("").name("signature").string("");
                    case TOOL_USE -> json.name("id").string(start.toolId()).name("name").string(start.toolName())
                            .name("input").startObject().endObject();
                }
                json.endObject();
            }
            case StreamEvent.BlockDelta delta -> json.name("index").number(delta.index())
                    .name("delta").startObject()
                    .name("type").string(delta.kind().wire())
                    .name(delta.kind().field()).string(delta.value())
                    .endObject();
            case StreamEvent.BlockStop stop -> json.name("index").number(stop.index());
            case StreamEvent.MessageDelta delta -> {
                json.name("delta").startObject()
                        .name("stop_reason").string(delta.stopReason())
                        .name("stop_sequence").string(delta.stopSequence())
                        .endObject();
                writeUsage(json, delta.usage());
            }
            case StreamEvent.Error error -> json.name("error").startObject()
                    .name("type").string(error.error().type())
                    .name("message").string(error.error().message())
                    .endObject();
            case StreamEvent.MessageStop stop -> {
            }
            case StreamEvent.Ping ping -> {
            }
        }
        json.endObject();
    }

    static void writeUsage(JsonOutput json, TokenUsage usage) {
        json.name("usage").startObject()
                .name("input_tokens").number(usage.inputTokens())
                .name("cache_creation_input_tokens").number(usage.cacheCreationTokens())
                .name("cache_read_input_tokens").number(usage.cacheReadTokens())
                .name("output_tokens").number(usage.outputTokens())
                .endObject();
    }
}
