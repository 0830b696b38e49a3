package dev.ccbridge.server.anthropic;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.stream.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes non-streamed Anthropic responses: messages and error envelopes. */
public final class AnthropicJson {

    private AnthropicJson() {
    }

    /**
     * @param message the message
     * @return its JSON bytes
     */
    public static byte[] message(ResponseMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JsonFactories.GENERATORS.createGenerator(out, StandardCharsets.UTF_8)) {
            json.writeStartObject()
                    .write("id", message.id())
                    .write("type", "message")
                    .write("role", "assistant")
                    .write("model", message.model());
            json.writeStartArray("content");
            for (ResponseMessage.Block block : message.content()) {
                json.writeStartObject();
                switch (block) {
                    case ResponseMessage.Text text -> json.write("type", "text").write("text", text.text());
                    case ResponseMessage.Thinking thinking -> json.write("type", "thinking")
                            .write("thinking", thinking.thinking()).write("signature", thinking.signature());
                    case ResponseMessage.ToolUse use -> json.write("type", "tool_use").write("id", use.id())
                            .write("name", use.name()).write("input", use.input());
                }
                json.writeEnd();
            }
            json.writeEnd();
            json.write("stop_reason", message.stopReason());
            if (message.stopSequence() == null) {
                json.writeNull("stop_sequence");
            } else {
                json.write("stop_sequence", message.stopSequence());
            }
            SseEncoder.writeUsage(json, message.usage());
            json.writeEnd();
        }
        return out.toByteArray();
    }

    /**
     * @param error     the error
     * @param requestId the request id, echoed in the body as the Anthropic API does
     * @return the error envelope's JSON bytes
     */
    public static byte[] error(AnthropicError error, String requestId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JsonFactories.GENERATORS.createGenerator(out, StandardCharsets.UTF_8)) {
            json.writeStartObject()
                    .write("type", "error")
                    .writeStartObject("error")
                    .write("type", error.type())
                    .write("message", error.message())
                    .writeEnd();
            if (requestId != null) {
                json.write("request_id", requestId);
            }
            json.writeEnd();
        }
        return out.toByteArray();
    }
}
