package dev.ccbridge.server.stream;

import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.ResponseMessage;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.anthropic.TokenUsage;
import dev.ccbridge.server.translate.CompletionTranslator;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds the events of one translated stream into a complete message: how the non-streaming path answers when an
 * upstream streams although it was asked not to.
 */
public final class MessageAccumulator {

    private final List<ResponseMessage.Block> blocks = new ArrayList<>();
    private String id;
    private String model;
    private StreamEvent.BlockKind kind;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder signature = new StringBuilder();
    private String toolId;
    private String toolName;
    private String stopReason;
    private String stopSequence;
    private TokenUsage usage;
    private AnthropicError error;

    /**
     * @param event the next event of the stream
     */
    public void accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.MessageStart start -> {
                id = start.id();
                model = start.model();
            }
            case StreamEvent.BlockStart start -> {
                kind = start.kind();
                text.setLength(0);
                signature.setLength(0);
                toolId = start.toolId();
                toolName = start.toolName();
            }
            case StreamEvent.BlockDelta delta -> {
                if (delta.kind() == StreamEvent.DeltaKind.SIGNATURE) {
                    signature.append(delta.value());
                } else {
                    text.append(delta.value());
                }
            }
            case StreamEvent.BlockStop stop -> blocks.add(switch (kind) {
                case TEXT -> new ResponseMessage.Text(text.toString());
                case THINKING -> new ResponseMessage.Thinking(text.toString(), signature.toString());
                case TOOL_USE -> new ResponseMessage.ToolUse(toolId, toolName,
                        CompletionTranslator.input(text.toString()));
            });
            case StreamEvent.MessageDelta delta -> {
                stopReason = delta.stopReason();
                stopSequence = delta.stopSequence();
                usage = delta.usage();
            }
            case StreamEvent.Error failure -> error = failure.error();
            case StreamEvent.MessageStop stop -> {
            }
            case StreamEvent.Ping ping -> {
            }
        }
    }

    /**
     * @return the error the stream ended with, or {@code null}
     */
    public AnthropicError error() {
        return error;
    }

    /**
     * @return the complete message; valid once the stream ended without error
     */
    public ResponseMessage message() {
        return new ResponseMessage(id, model, List.copyOf(blocks), stopReason, stopSequence, usage);
    }
}
