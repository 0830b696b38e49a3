package dev.ccbridge.server.anthropic;

/** An event of an Anthropic Messages stream, as the bridge emits it. */
public sealed interface StreamEvent {

    /**
     * @return the SSE event name, equal to the data's {@code type}
     */
    String name();

    /**
     * @param id          the message id
     * @param model       the model the client asked for
     * @param inputTokens the estimated input tokens (never 0 for a non-empty prompt)
     */
    record MessageStart(String id, String model, int inputTokens) implements StreamEvent {
        @Override
        public String name() {
            return "message_start";
        }
    }

    /**
     * @param index    the block index
     * @param kind     the block type
     * @param toolId   the tool call id, for tool_use blocks
     * @param toolName the tool name, for tool_use blocks
     */
    record BlockStart(int index, BlockKind kind, String toolId, String toolName) implements StreamEvent {
        @Override
        public String name() {
            return "content_block_start";
        }
    }

    /**
     * @param index the block index
     * @param kind  which delta ({@code text_delta}, {@code thinking_delta}, {@code signature_delta},
     *              {@code input_json_delta})
     * @param value the delta's text
     */
    record BlockDelta(int index, DeltaKind kind, String value) implements StreamEvent {
        @Override
        public String name() {
            return "content_block_delta";
        }
    }

    /**
     * @param index the block index
     */
    record BlockStop(int index) implements StreamEvent {
        @Override
        public String name() {
            return "content_block_stop";
        }
    }

    /**
     * @param stopReason   why the message ended
     * @param stopSequence the stop sequence matched, or {@code null}
     * @param usage        cumulative usage
     */
    record MessageDelta(String stopReason, String stopSequence, TokenUsage usage) implements StreamEvent {
        @Override
        public String name() {
            return "message_delta";
        }
    }

    /** The end of the message. */
    record MessageStop() implements StreamEvent {
        @Override
        public String name() {
            return "message_stop";
        }
    }

    /** Keeps the connection alive during upstream silence. */
    record Ping() implements StreamEvent {
        @Override
        public String name() {
            return "ping";
        }
    }

    /**
     * A failure after the stream started; always the last event.
     *
     * @param error the error
     */
    record Error(AnthropicError error) implements StreamEvent {
        @Override
        public String name() {
            return "error";
        }
    }

    /** Content block types. */
    enum BlockKind {
        TEXT("text"), THINKING("thinking"), TOOL_USE("tool_use");

        private final String wire;

        BlockKind(String wire) {
            this.wire = wire;
        }

        /**
         * @return the wire name
         */
        public String wire() {
            return wire;
        }
    }

    /** Content block delta types. */
    enum DeltaKind {
        TEXT("text_delta", "text"),
        THINKING("thinking_delta", "thinking"),
        SIGNATURE("signature_delta", "signature"),
        INPUT_JSON("input_json_delta", "partial_json");

        private final String wire;
        private final String field;

        DeltaKind(String wire, String field) {
            this.wire = wire;
            this.field = field;
        }

        /**
         * @return the wire name
         */
        public String wire() {
            return wire;
        }

        /**
         * @return the field carrying the value
         */
        public String field() {
            return field;
        }
    }
}
