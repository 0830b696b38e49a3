package dev.ccbridge.server.anthropic;

import jakarta.json.JsonObject;

import java.util.List;

/**
 * A {@code POST /v1/messages} (or {@code count_tokens}) request as the bridge understands it. Fields the bridge
 * does not map are not kept; their names are listed in {@code ignoredFields} for debug logging.
 *
 * @param model         the model the client asked for
 * @param maxTokens     the output token limit; {@code 0} for count_tokens requests
 * @param system        system prompt blocks (a string becomes one block)
 * @param messages      the conversation
 * @param tools         tool definitions
 * @param toolChoice    how tools may be chosen, or {@code null}
 * @param thinking      the thinking configuration, or {@code null}
 * @param effort        {@code output_config.effort}, or {@code null}
 * @param outputFormat  {@code output_config.format} (a json_schema format), or {@code null}
 * @param stopSequences stop sequences
 * @param temperature   sampling temperature, or {@code null}
 * @param topP          nucleus sampling, or {@code null}
 * @param topK          top-k sampling, or {@code null}
 * @param stream        whether the client wants a stream
 * @param userId        {@code metadata.user_id}, or {@code null}
 * @param ignoredFields top-level fields the bridge ignores
 */
public record MessagesRequest(String model,
                             int maxTokens,
                             List<ContentBlock.Text> system,
                             List<Message> messages,
                             List<Tool> tools,
                             ToolChoice toolChoice,
                             ThinkingConfig thinking,
                             String effort,
                             JsonObject outputFormat,
                             List<String> stopSequences,
                             Double temperature,
                             Double topP,
                             Integer topK,
                             boolean stream,
                             String userId,
                             List<String> ignoredFields) {
}
