package dev.ccbridge.api;

/**
 * How an upstream is asked to reason. The engine derives one effort level (low, medium, high...) from the
 * Anthropic {@code thinking} and {@code output_config.effort} fields and writes it in this dialect.
 */
public enum ReasoningDialect {
    /** The upstream takes no reasoning parameter; none is sent. */
    NONE,
    /** {@code "reasoning_effort": "low|medium|high"} (OpenAI, Groq, Ollama, Gemini, vLLM). */
    REASONING_EFFORT,
    /** {@code "reasoning": {"effort": "..."}} (OpenRouter). */
    REASONING_OBJECT,
    /** {@code "thinking": {"type": "enabled"|"disabled"}} (DeepSeek, GLM, Kimi thinking modes). */
    THINKING_TOGGLE
}
