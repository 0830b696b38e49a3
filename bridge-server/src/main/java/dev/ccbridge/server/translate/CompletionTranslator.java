package dev.ccbridge.server.translate;

import dev.ccbridge.server.anthropic.ResponseMessage;
import dev.ccbridge.server.anthropic.TokenUsage;
import dev.ccbridge.server.json.JsonBytes;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.openai.Completion;
import dev.ccbridge.server.openai.Usage;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Translates a non-streamed chat completion into a complete Anthropic message. Claude Code falls back to this
 * path after any stream failure, so it carries everything the stream does: thinking with its signature, text,
 * tool calls with parsed input, the same stop reasons and usage.
 */
public final class CompletionTranslator {

    private CompletionTranslator() {
    }

    /**
     * @param completion         the upstream's completion
     * @param messageId          the Anthropic message id
     * @param clientModel        the model the client asked for
     * @param toolNames          the request's tool-name aliases
     * @param upstreamName       the upstream's configured name, for thinking signatures
     * @param stopSequences      the request's stop sequences
     * @param inputTokenEstimate makes the local prompt count, asked only when the upstream reports no usage
     * @param toolIds            makes ids for tool calls without one
     * @return the message
     */
    public static ResponseMessage translate(Completion completion, String messageId, String clientModel,
                                            ToolNames toolNames, String upstreamName, List<String> stopSequences,
                                            IntSupplier inputTokenEstimate, Supplier<String> toolIds) {
        List<ResponseMessage.Block> content = new ArrayList<>();
        long outputChars = 0;
        if (completion.reasoning() != null) {
            content.add(new ResponseMessage.Thinking(completion.reasoning(),
                    new ThinkingSignature(upstreamName, completion.reasoningField()).encode()));
            outputChars += completion.reasoning().length();
        }
        String text = joined(completion.content(), completion.refusal());
        if (!text.isBlank()) {
            content.add(new ResponseMessage.Text(text));
            outputChars += text.length();
        }
        boolean toolUsed = false;
        for (Completion.ToolCall call : completion.toolCalls()) {
            if (call.name() == null) {
                continue;
            }
            content.add(new ResponseMessage.ToolUse(call.id() != null ? call.id() : toolIds.get(),
                    toolNames.original(call.name()), input(call.arguments())));
            outputChars += call.arguments() == null ? 0 : call.arguments().length();
            toolUsed = true;
        }
        StopReasons.Stop stop = StopReasons.of(completion.finishReason(), toolUsed, completion.refusal() != null,
                completion.matchedStop(), stopSequences);
        return new ResponseMessage(messageId, clientModel, List.copyOf(content), stop.stopReason(),
                stop.stopSequence(), usage(completion.usage(), inputTokenEstimate, outputChars));
    }

    /**
     * Usage in Anthropic's terms, shared by the streamed and the non-streamed path so both report alike. What the
     * upstream did not count is estimated: the prompt by the local tokenizer, the output at four characters a
     * token.
     *
     * @param reported           the upstream's usage, or {@code null}
     * @param inputTokenEstimate makes the local count of the prompt, asked only when the upstream did not count it
     * @param outputChars        the characters of output sent to the client
     * @return the usage
     */
    public static TokenUsage usage(Usage reported, IntSupplier inputTokenEstimate, long outputChars) {
        int outputEstimate = (int) ((outputChars + 3) / 4);
        if (reported == null) {
            return new TokenUsage(inputTokenEstimate.getAsInt(), outputEstimate, 0, 0);
        }
        int input = reported.promptTokens() > 0 ? reported.uncachedInputTokens() : inputTokenEstimate.getAsInt();
        return new TokenUsage(input, reported.outputTokens(), reported.cachedTokens(), reported.cacheWriteTokens());
    }

    /** Answer text and refusal text, as the stream would show them: one after the other in one text block. */
    private static String joined(String content, String refusal) {
        if (content == null) {
            return refusal == null ? "" : refusal;
        }
        return refusal == null ? content : content + refusal;
    }

    /**
     * Tool arguments as an input object. Arguments that are not exactly one JSON object (a truncated call, or the
     * duplicated fragments some tool-call parsers emit, {@code {"a":1}{"a":1}}) are handed over as
     * {@code {"_raw_arguments": "..."}} so the model sees what went wrong instead of a silently cut input.
     *
     * @param arguments the arguments JSON text, or {@code null}
     * @return the input object
     */
    public static JsonObject input(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return JsonFactories.BUILDERS.createObjectBuilder().build();
        }
        try {
            if (JsonBytes.read(arguments.getBytes(StandardCharsets.UTF_8)) instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException e) {
            // not exactly one JSON value: fall through to the raw form
        }
        return JsonFactories.BUILDERS.createObjectBuilder().add("_raw_arguments", arguments).build();
    }
}
