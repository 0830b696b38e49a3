package dev.ccbridge.server.anthropic;

/**
 * Anthropic usage: {@code input_tokens} excludes cached tokens, which are reported separately.
 *
 * @param inputTokens         uncached input tokens
 * @param outputTokens        output tokens
 * @param cacheReadTokens     input tokens read from cache
 * @param cacheCreationTokens input tokens written to cache
 */
public record TokenUsage(int inputTokens, int outputTokens, int cacheReadTokens, int cacheCreationTokens) {
}
