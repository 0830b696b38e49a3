package dev.ccbridge.server.anthropic;

/** The {@code thinking} request field. */
public sealed interface ThinkingConfig {

    /**
     * @param budgetTokens the reasoning budget
     */
    record Enabled(int budgetTokens) implements ThinkingConfig {
    }

    /** The model decides how much to think. */
    record Adaptive() implements ThinkingConfig {
    }

    /** No thinking. */
    record Disabled() implements ThinkingConfig {
    }
}
