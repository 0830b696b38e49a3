package dev.ccbridge.api;

/** Which request field carries the output token limit. */
public enum TokenLimitField {
    /** {@code max_tokens}: what most OpenAI-compatible servers read. */
    MAX_TOKENS("max_tokens"),
    /** {@code max_completion_tokens}: OpenAI and Azure OpenAI, required by reasoning models. */
    MAX_COMPLETION_TOKENS("max_completion_tokens");

    private final String field;

    TokenLimitField(String field) {
        this.field = field;
    }

    /**
     * @return the JSON field name
     */
    public String field() {
        return field;
    }
}
