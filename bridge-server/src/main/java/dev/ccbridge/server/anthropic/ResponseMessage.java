package dev.ccbridge.server.anthropic;

import jakarta.json.JsonObject;

import java.util.List;

/**
 * A complete (non-streamed) Anthropic message.
 *
 * @param id           the message id
 * @param model        the model the client asked for
 * @param content      the content blocks
 * @param stopReason   why it ended
 * @param stopSequence the stop sequence matched, or {@code null}
 * @param usage        usage
 */
public record ResponseMessage(String id, String model, List<Block> content, String stopReason, String stopSequence,
                              TokenUsage usage) {

    /** An output content block. */
    public sealed interface Block {
    }

    /**
     * @param text the text
     */
    public record Text(String text) implements Block {
    }

    /**
     * @param thinking  the reasoning
     * @param signature its signature
     */
    public record Thinking(String thinking, String signature) implements Block {
    }

    /**
     * @param id    the call id
     * @param name  the tool name
     * @param input the arguments
     */
    public record ToolUse(String id, String name, JsonObject input) implements Block {
    }
}
