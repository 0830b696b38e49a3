package dev.ccbridge.server.translate;

import dev.ccbridge.server.anthropic.ThinkingConfig;

/**
 * Derives one reasoning effort level from Anthropic's {@code thinking} and {@code output_config.effort}.
 * {@code output_config.effort} wins; otherwise a thinking budget picks the level. Levels above {@code high}
 * ({@code xhigh}, {@code max}) become {@code high}, the highest level every OpenAI-style upstream accepts.
 */
final class ReasoningEffort {

    static final String NONE = "none";

    private static final int LOW_BUDGET_BELOW = 4096;
    private static final int MEDIUM_BUDGET_BELOW = 16384;

    private ReasoningEffort() {
    }

    /**
     * @return {@code low}, {@code medium}, {@code high}, {@link #NONE} when thinking is disabled, or {@code null}
     *         when the request says nothing about reasoning
     */
    static String of(ThinkingConfig thinking, String effort) {
        if (thinking instanceof ThinkingConfig.Disabled) {
            return NONE;
        }
        if (effort != null) {
            return switch (effort) {
                case "low" -> "low";
                case "medium" -> "medium";
                default -> "high";
            };
        }
        return switch (thinking) {
            case ThinkingConfig.Enabled enabled when enabled.budgetTokens() < LOW_BUDGET_BELOW -> "low";
            case ThinkingConfig.Enabled enabled when enabled.budgetTokens() < MEDIUM_BUDGET_BELOW -> "medium";
            case ThinkingConfig.Enabled enabled -> "high";
            case ThinkingConfig.Adaptive adaptive -> "medium";
            case null, default -> null;
        };
    }
}
