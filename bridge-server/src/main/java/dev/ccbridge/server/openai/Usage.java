package dev.ccbridge.server.openai;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Token usage as an OpenAI-compatible upstream reports it, with the cache fields of the various dialects read
 * into one place: {@code prompt_tokens_details.cached_tokens} (OpenAI), {@code prompt_cache_hit_tokens}
 * (DeepSeek), a top-level {@code cached_tokens} (Moonshot), {@code prompt_tokens_details.cache_write_tokens}
 * (OpenRouter). Gemini sometimes leaves out {@code completion_tokens}; it is then the total minus the prompt.
 *
 * @param promptTokens     prompt tokens, cached ones included
 * @param completionTokens completion tokens
 * @param cachedTokens     prompt tokens read from the upstream's cache
 * @param cacheWriteTokens prompt tokens written to the upstream's cache
 * @param reasoningTokens  reasoning tokens
 * @param totalTokens      the reported total, or 0
 */
public record Usage(int promptTokens, int completionTokens, int cachedTokens, int cacheWriteTokens,
                    int reasoningTokens, int totalTokens) {

    /**
     * @param usage a {@code usage} object
     * @return the usage, or {@code null} for a JSON null or non-object
     */
    public static Usage read(JsonValue usage) {
        if (!(usage instanceof JsonObject u)) {
            return null;
        }
        JsonObject promptDetails = object(u, "prompt_tokens_details");
        JsonObject completionDetails = object(u, "completion_tokens_details");
        int cached = integer(promptDetails, "cached_tokens");
        if (cached == 0) {
            cached = integer(u, "prompt_cache_hit_tokens");
        }
        if (cached == 0) {
            cached = integer(u, "cached_tokens");
        }
        int prompt = integer(u, "prompt_tokens");
        int total = integer(u, "total_tokens");
        int completion = u.get("completion_tokens") instanceof JsonNumber ? integer(u, "completion_tokens")
                : Math.max(0, total - prompt);
        return new Usage(prompt, completion, cached, integer(promptDetails, "cache_write_tokens"),
                integer(completionDetails, "reasoning_tokens"), total);
    }

    /**
     * Anthropic's {@code input_tokens}: prompt tokens that were neither read from nor written to the cache.
     *
     * @return uncached input tokens
     */
    public int uncachedInputTokens() {
        return Math.max(0, promptTokens - cachedTokens - cacheWriteTokens);
    }

    /**
     * Anthropic's {@code output_tokens}. Most upstreams count reasoning inside {@code completion_tokens}; some
     * (xAI) do not, which shows as a total of prompt + completion + reasoning.
     *
     * @return output tokens including reasoning
     */
    public int outputTokens() {
        boolean reasoningOutsideCompletion = reasoningTokens > 0
                && totalTokens == promptTokens + completionTokens + reasoningTokens;
        return completionTokens + (reasoningOutsideCompletion ? reasoningTokens : 0);
    }

    private static JsonObject object(JsonObject parent, String field) {
        return parent != null && parent.get(field) instanceof JsonObject o ? o : null;
    }

    private static int integer(JsonObject parent, String field) {
        if (parent != null && parent.get(field) instanceof JsonNumber n) {
            return Math.max(0, n.intValue());
        }
        return 0;
    }
}
