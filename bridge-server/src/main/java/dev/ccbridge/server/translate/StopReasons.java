package dev.ccbridge.server.translate;

import java.util.List;

/**
 * OpenAI {@code finish_reason} to Anthropic {@code stop_reason}, in this precedence: {@code length} means
 * {@code max_tokens} even inside a tool call; a content filter ({@code content_filter}, GLM's
 * {@code sensitive}) means {@code refusal}; any tool call emitted means {@code tool_use} whatever the finish
 * reason says (OpenAI answers {@code stop} to a forced tool choice, Gemini and older Ollama always do), and a
 * {@code tool_calls} finish without a call does not; streamed refusal text means {@code refusal}; a stop sequence
 * the upstream names means {@code stop_sequence}; everything else ({@code stop}, Together's {@code eos}) means
 * {@code end_turn}.
 */
public final class StopReasons {

    private StopReasons() {
    }

    /**
     * @param stopReason   the Anthropic stop reason
     * @param stopSequence the matched stop sequence, or {@code null}
     */
    public record Stop(String stopReason, String stopSequence) {
    }

    /**
     * Finish reasons that report a failed generation rather than an ending: OpenRouter's {@code error} (sent
     * with the in-band error after tokens were streamed) and GLM's {@code network_error}. Treating them as
     * {@code end_turn} would pass a truncated answer off as complete.
     *
     * @param finishReason the upstream's finish reason
     * @return whether the generation failed
     */
    public static boolean isFailure(String finishReason) {
        return "error".equals(finishReason) || "network_error".equals(finishReason);
    }

    /**
     * @param finishReason  the upstream's finish reason, or {@code null}
     * @param toolUsed      whether a tool_use block was emitted
     * @param refused       whether refusal text was emitted
     * @param matchedStop   the stop string the upstream says it matched, or {@code null}
     * @param stopSequences the request's stop sequences
     * @return the Anthropic stop
     */
    public static Stop of(String finishReason, boolean toolUsed, boolean refused, String matchedStop,
                          List<String> stopSequences) {
        if ("length".equals(finishReason)) {
            return new Stop("max_tokens", null);
        }
        if ("content_filter".equals(finishReason) || "sensitive".equals(finishReason)) {
            return new Stop("refusal", null);
        }
        if (toolUsed) {
            return new Stop("tool_use", null);
        }
        if (refused) {
            return new Stop("refusal", null);
        }
        if (matchedStop != null && stopSequences.contains(matchedStop)) {
            return new Stop("stop_sequence", matchedStop);
        }
        return new Stop("end_turn", null);
    }
}
