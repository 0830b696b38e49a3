package dev.ccbridge.server.anthropic;

import dev.ccbridge.server.json.JsonOutput;

/** Writes non-streamed Anthropic responses: messages and error envelopes. */
public final class AnthropicJson {

    private AnthropicJson() {
    }

    /**
     * @param message the message
     * @return its JSON bytes
     */
    public static byte[] message(ResponseMessage message) {
        JsonOutput json = new JsonOutput(1024);
        json.startObject()
                .name("id").string(message.id())
                .name("type").string("message")
                .name("role").string("assistant")
                .name("model").string(message.model())
                .name("content").startArray();
        for (ResponseMessage.Block block : message.content()) {
            json.startObject();
            switch (block) {
                case ResponseMessage.Text text -> json.name("type").string("text").name("text").string(text.text());
                case ResponseMessage.Thinking thinking -> json.name("type").string("thinking")
                        .name("thinking").string(thinking.thinking())
                        .name("signature").string(thinking.signature());
                case ResponseMessage.ToolUse use -> json.name("type").string("tool_use").name("id").string(use.id())
                        .name("name").string(use.name()).name("input").value(use.input());
            }
            json.endObject();
        }
        json.endArray()
                .name("stop_reason").string(message.stopReason())
                .name("stop_sequence").string(message.stopSequence());
        SseEncoder.writeUsage(json, message.usage());
        return json.endObject().toByteArray();
    }

    /**
     * @param error     the error
     * @param requestId the request id, echoed in the body as the Anthropic API does
     * @return the error envelope's JSON bytes
     */
    public static byte[] error(AnthropicError error, String requestId) {
        JsonOutput json = new JsonOutput(256);
        json.startObject()
                .name("type").string("error")
                .name("error").startObject()
                .name("type").string(error.type())
                .name("message").string(error.message())
                .endObject();
        if (requestId != null) {
            json.name("request_id").string(requestId);
        }
        return json.endObject().toByteArray();
    }
}
