package dev.ccbridge.server.testing;

import jakarta.json.JsonObject;

import java.util.List;

/**
 * The Anthropic Messages stream grammar as a checker: every event has an {@code event:} line equal to its
 * {@code data.type}; exactly one {@code message_start}, first; content blocks open and close in order, one at a
 * time, with indices 0, 1, 2...; every block gets at least one delta of its kind, and no text block is empty;
 * tool_use blocks start with {@code input:{}} and get their input only from {@code input_json_delta}s whose
 * concatenation is a JSON object; {@code message_delta} (with a stop reason and integer usage) comes before
 * {@code message_stop}, which is last; an {@code error} event is the last event and follows no
 * {@code message_delta}. {@code ping} may appear anywhere after {@code message_start}.
 */
public final class AnthropicStreamGrammar {

    private AnthropicStreamGrammar() {
    }

    /**
     * @param events a stream's events
     * @throws AssertionError describing the first violation
     */
    public static void check(List<SseEvent> events) {
        if (events.isEmpty()) {
            throw new AssertionError("the stream has no events");
        }
        int expectedIndex = 0;
        int openIndex = -1;
        String openType = null;
        StringBuilder text = new StringBuilder();
        StringBuilder json = new StringBuilder();
        int deltas = 0;
        boolean started = false;
        boolean messageDelta = false;
        boolean ended = false;
        for (int i = 0; i < events.size(); i++) {
            SseEvent event = events.get(i);
            String at = "event " + i + " (" + event.event() + "): ";
            if (ended) {
                throw new AssertionError(at + "comes after the stream ended");
            }
            if (event.event() == null) {
                throw new AssertionError(at + "has no event: line");
            }
            if (!event.event().equals(event.type())) {
                throw new AssertionError(at + "data.type is '" + event.type() + "'");
            }
            JsonObject data = event.data();
            switch (event.type()) {
                case "message_start" -> {
                    if (started) {
                        throw new AssertionError(at + "second message_start");
                    }
                    if (i != 0) {
                        throw new AssertionError(at + "message_start is not first");
                    }
                    started = true;
                    JsonObject message = data.getJsonObject("message");
                    require(message != null && !message.getString("id", "").isEmpty(), at + "message.id missing");
                    require("message".equals(message.getString("type", "")), at + "message.type must be message");
                    require("assistant".equals(message.getString("role", "")), at + "role must be assistant");
                    require(message.getJsonArray("content") != null && message.getJsonArray("content").isEmpty(),
                            at + "content must be []");
                    JsonObject usage = message.getJsonObject("usage");
                    require(usage != null && usage.containsKey("input_tokens") && usage.containsKey("output_tokens"),
                            at + "usage must carry input_tokens and output_tokens");
                }
                case "content_block_start" -> {
                    require(started, at + "before message_start");
                    require(!messageDelta, at + "after message_delta");
                    require(openIndex < 0, at + "block " + openIndex + " is still open");
                    int index = data.getInt("index", -1);
                    require(index == expectedIndex, at + "index " + index + ", expected " + expectedIndex);
                    JsonObject block = data.getJsonObject("content_block");
                    openType = block.getString("type", "");
                    switch (openType) {
                        case "text" -> require("".equals(block.getString("text", null)), at + "text must start empty");
                        case "thinking" -> require("".equals(block.getString("thinking", null)),
                                at + "thinking must start empty");
                        case "tool_use" -> {
                            require(!block.getString("id", "").isEmpty(), at + "tool_use without id");
                            require(!block.getString("name", "").isEmpty(), at + "tool_use without name");
                            require(block.getJsonObject("input") != null && block.getJsonObject("input").isEmpty(),
                                    at + "tool_use must start with input {}");
                        }
                        default -> throw new AssertionError(at + "unexpected block type " + openType);
                    }
                    openIndex = index;
                    expectedIndex++;
                    text.setLength(0);
                    json.setLength(0);
                    deltas = 0;
                }
                case "content_block_delta" -> {
                    require(openIndex >= 0 && data.getInt("index", -1) == openIndex,
                            at + "delta for a block that is not open");
                    JsonObject delta = data.getJsonObject("delta");
                    String kind = delta.getString("type", "");
                    switch (kind) {
                        case "text_delta" -> {
                            require(openType.equals("text"), at + "text_delta in a " + openType + " block");
                            text.append(delta.getString("text"));
                        }
                        case "thinking_delta" -> {
                            require(openType.equals("thinking"), at + "thinking_delta in a " + openType + " block");
                            text.append(delta.getString("thinking"));
                        }
                        case "signature_delta" -> require(openType.equals("thinking"),
                                at + "signature_delta in a " + openType + " block");
                        case "input_json_delta" -> {
                            require(openType.equals("tool_use"), at + "input_json_delta in a " + openType + " block");
                            json.append(delta.getString("partial_json"));
                        }
                        default -> throw new AssertionError(at + "unknown delta " + kind);
                    }
                    if (!kind.equals("signature_delta")) {
                        deltas++;
                    }
                }
                case "content_block_stop" -> {
                    require(openIndex >= 0 && data.getInt("index", -1) == openIndex, at + "stop for a closed block");
                    if (openType.equals("text")) {
                        require(!text.toString().isBlank(), at + "empty text block");
                    }
                    if (openType.equals("thinking")) {
                        require(deltas > 0, at + "thinking block without thinking");
                    }
                    if (openType.equals("tool_use") && !json.isEmpty()) {
                        try {
                            Json.parseObject(json.toString());
                        } catch (RuntimeException e) {
                            throw new AssertionError(at + "tool input is not a JSON object: " + json, e);
                        }
                    }
                    openIndex = -1;
                    openType = null;
                }
                case "message_delta" -> {
                    require(started, at + "before message_start");
                    require(!messageDelta, at + "second message_delta");
                    require(openIndex < 0, at + "block " + openIndex + " still open");
                    JsonObject delta = data.getJsonObject("delta");
                    require(delta != null && !delta.getString("stop_reason", "").isEmpty(), at + "no stop_reason");
                    JsonObject usage = data.getJsonObject("usage");
                    require(usage != null && usage.get("output_tokens") instanceof jakarta.json.JsonNumber,
                            at + "usage.output_tokens must be an integer");
                    messageDelta = true;
                }
                case "message_stop" -> {
                    require(messageDelta, at + "message_stop without message_delta");
                    ended = true;
                }
                case "error" -> {
                    require(!messageDelta, at + "error after message_delta");
                    JsonObject error = data.getJsonObject("error");
                    require(error != null && !error.getString("type", "").isEmpty()
                            && !error.getString("message", "").isEmpty(), at + "error needs type and message");
                    ended = true;
                }
                case "ping" -> require(started, at + "ping before message_start");
                default -> throw new AssertionError(at + "unknown event type");
            }
        }
        require(ended, "the stream ends without message_stop or error");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
