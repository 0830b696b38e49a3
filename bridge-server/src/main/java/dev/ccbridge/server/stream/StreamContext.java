package dev.ccbridge.server.stream;

import dev.ccbridge.server.translate.ToolNames;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a stream translation needs to know about its request; everything that varies between runs (ids) is
 * injected here so a replay produces the same bytes.
 *
 * @param messageId          the Anthropic message id
 * @param clientModel        the model the client asked for, echoed back
 * @param inputTokenEstimate the local count of the translated prompt
 * @param toolNames          the request's tool-name aliases
 * @param upstreamName       the upstream's configured name, for thinking signatures
 * @param stopSequences      the request's stop sequences
 * @param toolIds            makes ids for tool calls that arrive without one
 */
public record StreamContext(String messageId,
                            String clientModel,
                            int inputTokenEstimate,
                            ToolNames toolNames,
                            String upstreamName,
                            List<String> stopSequences,
                            Supplier<String> toolIds) {
}
