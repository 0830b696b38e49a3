package dev.ccbridge.server.anthropic;

/** How the model may use tools. */
public sealed interface ToolChoice {

    /**
     * @return whether at most one tool call may be made
     */
    boolean disableParallelToolUse();

    /**
     * @param disableParallelToolUse at most one tool call
     */
    record Auto(boolean disableParallelToolUse) implements ToolChoice {
    }

    /**
     * @param disableParallelToolUse exactly one tool call
     */
    record Any(boolean disableParallelToolUse) implements ToolChoice {
    }

    /**
     * @param name                   the tool to call
     * @param disableParallelToolUse exactly one tool call
     */
    record Named(String name, boolean disableParallelToolUse) implements ToolChoice {
    }

    /** No tool may be called. */
    record None() implements ToolChoice {
        @Override
        public boolean disableParallelToolUse() {
            return false;
        }
    }
}
