package dev.ccbridge.api;

/**
 * Optional request features an upstream may accept. The translation engine only sends a field when the upstream's
 * {@link Capabilities} list the feature; otherwise it degrades as documented on each constant. New constants are
 * added over time, so do not switch over this enum exhaustively.
 */
public enum Feature {
    /** {@code image_url} content parts in user messages. Without it images become a short text marker. */
    IMAGES,
    /** {@code file} content parts carrying a PDF. Without it a PDF becomes a short text marker. */
    PDF_FILES,
    /** {@code tool_choice}. Without it the field is omitted and the model chooses freely. */
    TOOL_CHOICE,
    /** {@code parallel_tool_calls:false}. Without it the field is omitted. */
    PARALLEL_TOOL_CALLS,
    /** {@code stream_options.include_usage}. Without it streams may end without usage. */
    STREAM_USAGE,
    /** {@code prompt_cache_key} derived from the Claude Code session, for upstream prefix-cache affinity. */
    PROMPT_CACHE_KEY,
    /** {@code user}: a hash of the caller's {@code metadata.user_id}. */
    USER,
    /** {@code top_k} as a vendor extension. */
    TOP_K,
    /** {@code response_format} of type {@code json_schema}. */
    JSON_SCHEMA_OUTPUT,
    /** A built-in web search the Anthropic {@code web_search} server tool can map to. */
    WEB_SEARCH,
    /** {@code stop} sequences. */
    STOP_SEQUENCES,
    /** {@code temperature} and {@code top_p}. */
    SAMPLING
}
