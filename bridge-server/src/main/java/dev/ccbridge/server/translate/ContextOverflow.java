package dev.ccbridge.server.translate;

import dev.ccbridge.server.anthropic.AnthropicError;

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

    private static final String N = "(\\d[\\d,]*)";

    /**
     * Wordings that mean "the prompt does not fit", each specific enough not to match the validation errors that
     * merely mention a length or a maximum ("string too long. Expected a string with maximum length 64",
     * TGI's "`max_new_tokens` must be <= 4096").
     */
    private static final Pattern MARKER = Pattern.compile(String.join("|",
            "context_length_exceeded", "context length exceeded", "exceed_context_size",
            "maximum context length", "maximum prompt length", "exceeds the available context size",
            "exceeds? the context window", "input tokens exceed the configured limit", "prompt is too long",
            "input is too long", "reduce the length of the messages",
            "too large for model with \\d+ maximum context length",
            "exceeds the maximum number of tokens allowed", "longer than the model's context length",
            "greater than the context length", "tokens to keep from the initial prompt",
            "exceeded model token limit", "`inputs` tokens \\+ `max_new_tokens` must be <=",
            "`inputs` must have less than", "input length and `?max_tokens`? exceed context limit"),
            Pattern.CASE_INSENSITIVE);

    /**
     * The limit, in order: OpenAI, DeepSeek, vLLM, OpenRouter, xAI, Ollama; Mistral; Gemini; TGI; OpenAI's
     * configured limit; llama.cpp; SGLang; LM Studio; Cerebras; Moonshot.
     */
    private static final Pattern MAXIMUM = Pattern.compile(String.join("|",
            "maximum (?:context|prompt) length(?: is|:)\\s*" + N,
            "too large for model with " + N + " maximum context length",
            "maximum number of tokens allowed \\(?" + N,
            "`max_new_tokens` must be <= " + N,
            "configured limit of " + N,
            "available context size \\(" + N,
            "context length \\(" + N,
            "context length of (?:only )?" + N,
            "while limit is " + N,
            "model token limit:\\s*" + N), Pattern.CASE_INSENSITIVE);

    /** TGI: "`inputs` must have less than N tokens", a limit one below N. */
    private static final Pattern LESS_THAN = Pattern.compile("must have less than " + N + " tokens",
            Pattern.CASE_INSENSITIVE);

    /** Parts of the prompt, added up: OpenAI's messages and functions, OpenRouter's text, tool and image input. */
    private static final Pattern PROMPT_PARTS = Pattern.compile(
            N + " (?:in the messages|in the functions|of (?:text|tool|image|file) input)", Pattern.CASE_INSENSITIVE);

    /** The prompt, in order: OpenAI; vLLM; Mistral; Gemini; xAI; TGI; llama.cpp; SGLang; Cerebras; Ollama; Moonshot. */
    private static final Pattern PROMPT = Pattern.compile(String.join("|",
            "resulted in " + N,
            "request has " + N + " input tokens",
            "prompt contains " + N + " tokens",
            "input token count \\(" + N,
            "request contains " + N + " tokens",
            "Given: " + N,
            "request \\(" + N + " tokens\\)",
            "input \\(" + N + " tokens\\)",
            "current length is " + N,
            "prompt is too long: " + N + ",",
            "\\(requested: " + N), Pattern.CASE_INSENSITIVE);

    /** The whole request, prompt and completion, when the upstream gives no breakdown (OpenAI, OpenRouter). */
    private static final Pattern TOTAL = Pattern.compile("requested(?: about)? " + N + " tokens",
            Pattern.CASE_INSENSITIVE);

    /** The completion budget: OpenAI, OpenRouter, TGI, vLLM's "'max_tokens' ... is too large: C". */
    private static final Pattern COMPLETION = Pattern.compile(String.join("|",
            N + " (?:in the completion|in the output)",
            "and " + N + " `max_new_tokens`",
            "is too large: " + N), Pattern.CASE_INSENSITIVE);

    private static final Pattern ANTHROPIC = Pattern.compile(
            "prompt is too long:\\s*" + N + " tokens > " + N + " maximum", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANTHROPIC_MAX_TOKENS = Pattern.compile(
            "input length and `?max_tokens`? exceed context limit:\\s*" + N + " \\+ " + N + " > " + N,
            Pattern.CASE_INSENSITIVE);

    private ContextOverflow() {
    }

    /**
     * @param message       the upstream's error message
     * @param kind          the upstream's error type and code, lower case
     * @param promptTokens  numbers the upstream gave in structured fields ({@code n_prompt_tokens}), or 0
     * @param contextTokens the context size the upstream gave in structured fields ({@code n_ctx}), or 0
     * @param localEstimate the bridge's own count of the translated prompt
     * @param knownWindow   the model's context window from its capabilities, or 0
     * @return the rewritten error, or empty when this is not an overflow
     */
    public static Optional<AnthropicError> detect(String message, String kind, int promptTokens, int contextTokens,
                                                  int localEstimate, int knownWindow) {
        boolean overflow = kind.contains("context_length_exceeded") || kind.contains("exceed_context_size")
                || kind.contains("context_window_exceeded") || MARKER.matcher(message).find();
        if (!overflow) {
            return Optional.empty();
        }
        Matcher anthropic = ANTHROPIC.matcher(message);
        if (anthropic.find()) {
            return Optional.of(tooLong(number(anthropic.group(1)), number(anthropic.group(2)), ""));
        }
        Matcher anthropicMaxTokens = ANTHROPIC_MAX_TOKENS.matcher(message);
        if (anthropicMaxTokens.find()) {
            return Optional.of(maxTokens(number(anthropicMaxTokens.group(1)), number(anthropicMaxTokens.group(2)),
                    number(anthropicMaxTokens.group(3))));
        }
        int maximum = contextTokens > 0 ? contextTokens : first(MAXIMUM, message);
        if (maximum == 0) {
            maximum = Math.max(0, first(LESS_THAN, message) - 1);
        }
        int completion = sum(COMPLETION, message);
        int prompt = promptTokens > 0 ? promptTokens : sum(PROMPT_PARTS, message);
        if (prompt == 0) {
            prompt = first(PROMPT, message);
        }
        if (prompt == 0) {
            int total = first(TOTAL, message);
            prompt = total > completion ? total - completion : total;
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
        if (prompt > maximum) {
            return Optional.of(tooLong(prompt, maximum, note));
        }
        if (completion > 0) {
            return Optional.of(maxTokens(prompt, completion, maximum));
        }
        return Optional.of(tooLong(maximum + 1, maximum, " (at least; the upstream gave no count)"));
    }

    private static AnthropicError tooLong(int prompt, int maximum, String note) {
        return AnthropicError.invalidRequest("prompt is too long: " + prompt + " tokens > " + maximum + " maximum"
                + note);
    }

    private static AnthropicError maxTokens(int prompt, int completion, int maximum) {
        return AnthropicError.invalidRequest("input length and `max_tokens` exceed context limit: " + prompt + " + "
                + completion + " > " + maximum + ", decrease input length or `max_tokens` and try again");
    }

    /** The number of the first match, whichever alternative matched. */
    private static int first(Pattern pattern, String message) {
        Matcher matcher = pattern.matcher(message);
        return matcher.find() ? matched(matcher) : 0;
    }

    private static int sum(Pattern pattern, String message) {
        Matcher matcher = pattern.matcher(message);
        int sum = 0;
        while (matcher.find()) {
            sum += matched(matcher);
        }
        return sum;
    }

    private static int matched(Matcher matcher) {
        for (int group = 1; group <= matcher.groupCount(); group++) {
            if (matcher.group(group) != null) {
                return number(matcher.group(group));
            }
        }
        return 0;
    }

    private static int number(String digits) {
        try {
            return Integer.parseInt(digits.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
