package dev.ccbridge.server.openai;

import jakarta.json.JsonObject;

import java.util.List;

/**
 * One streamed chat/completions chunk, reduced to what the translation needs (the first choice only; the bridge
 * never asks for {@code n > 1}).
 *
 * @param reasoning      reasoning text in this chunk, or {@code null}
 * @param reasoningField the field the reasoning came from, e.g. {@code reasoning_content}
 * @param content        answer text, or {@code null}
 * @param refusal        refusal text, or {@code null}
 * @param toolCalls      tool call pieces
 * @param finishReason   the finish reason, or {@code null}
 * @param matchedStop    the stop sequence the upstream says it matched, or {@code null}
 * @param usage          usage, or {@code null}
 * @param error          an in-band error object, or {@code null}
 */
public record ChatChunk(String reasoning,
                        String reasoningField,
                        String content,
                        String refusal,
                        List<ToolCallDelta> toolCalls,
                        String finishReason,
                        String matchedStop,
                        Usage usage,
                        JsonObject error) {
}
