package dev.ccbridge.server.translate;

import dev.ccbridge.server.anthropic.AnthropicError;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises an upstream's "the prompt does not fit" error and rewrites it into the wording Claude Code acts on:
 * {@code prompt is too long: N tokens > M maximum} makes it compact the conversation and retry, and
 * {@code input length and `max_tokens` exceed context limit: N + C > M} makes it retry with a smaller
 * {@code max_tokens}. Any other wording is shown to the user as a dead end.
 */
public final class ContextOverflow {

    /** Phrases that mean "context overflow" in the upstreams this bridge knows. */
    private static final List<String> MARKERS = List.of(
            "context_length_exceeded", "maximum context length", "context length", "context window",
            "exceed_context_size", "exceeds the available context", "prompt is too long", "input is too long",
            "reduce the length of the messages", "too large for model", "input token count", "exceeds the context",
            "tokens to keep from the initial prompt", "must be <=", "too many tokens");

    private static final Pattern MAXIMUM = Pattern.compile(
            "(?:maximum context length is|context length of|context window of|maximum of|allowed \\(|must be <=|"
                    + "with)\\s*(\\d[\\d,]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MESSAGES_AND_COMPLETION = Pattern.compile(
            "(\\d[\\d,]*) in the messages,\\s*(\\d[\\d,]*) in the completion", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROMPT = Pattern.compile(
            "(?:resulted in|requested(?: about)?|request has|prompt contains|input token count \\(|Given:)\\s*"
                    + "(\\d[\\d,]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TGI_COMPLETION = Pattern.compile(
            "and (\\d[\\d,]*) `?max_new_tokens", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANTHROPIC = Pattern.compile(
            "prompt is too long:\\s*(\\d+) tokens > (\\d+) maximum", Pattern.CASE_INSENSITIVE);

    private ContextOverflow() {
    }

    /**
     * @param message       the upstream's error message
     * @param kind          the upstream's error type or code, lower case
     * @param promptTokens  numbers the upstream gave in structured fields ({@code n_prompt_tokens}), or 0
     * @param contextTokens the context size the upstream gave in structured fields ({@code n_ctx}), or 0
     * @param localEstimate the bridge's own count of the translated prompt
     * @param knownWindow   the model's context window from its capabilities, or 0
     * @return the rewritten error, or empty when this is not an overflow
     */
    public static Optional<AnthropicError> detect(String message, String kind, int promptTokens, int contextTokens,
                                                  int localEstimate, int knownWindow) {
        String lower = message.toLowerCase(Locale.ROOT);
        boolean overflow = kind.contains("context_length_exceeded") || kind.contains("exceed_context_size")
                || MARKERS.stream().anyMatch(lower::contains);
        if (!overflow) {
            return Optional.empty();
        }
        Matcher anthropic = ANTHROPIC.matcher(message);
        if (anthropic.find()) {
            return Optional.of(tooLong(number(anthropic.group(1)), number(anthropic.group(2)), ""));
        }
        int maximum = contextTokens > 0 ? contextTokens : find(MAXIMUM, message);
        int prompt = promptTokens;
        int completion = 0;
        Matcher split = MESSAGES_AND_COMPLETION.matcher(message);
        if (split.find()) {
            prompt = number(split.group(1));
            completion = number(split.group(2));
        } else if (prompt == 0) {
            prompt = find(PROMPT, message);
            completion = find(TGI_COMPLETION, message);
        }
        String note = "";
        if (maximum == 0) {
            maximum = knownWindow;
        }
        if (prompt == 0) {
            prompt = localEstimate;
            note = " (counted by the bridge)";
        }
        if (maximum == 0) {
            maximum = Math.max(1, prompt - 1);
            note = " (the upstream did not say its limit)";
        }
        if (prompt <= maximum && completion > 0) {
            return Optional.of(AnthropicError.invalidRequest("input length and `max_tokens` exceed context limit: "
                    + prompt + " + " + completion + " > " + maximum
                    + ", decrease input length or `max_tokens` and try again"));
        }
        if (prompt <= maximum) {
            prompt = maximum + 1;
            note = " (at least; the upstream gave no count)";
        }
        return Optional.of(tooLong(prompt, maximum, note));
    }

    private static AnthropicError tooLong(int prompt, int maximum, String note) {
        return AnthropicError.invalidRequest("prompt is too long: " + prompt + " tokens > " + maximum + " maximum"
                + note);
    }

    private static int find(Pattern pattern, String message) {
        Matcher matcher = pattern.matcher(message);
        return matcher.find() ? number(matcher.group(1)) : 0;
    }

    private static int number(String digits) {
        try {
            return Integer.parseInt(digits.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
