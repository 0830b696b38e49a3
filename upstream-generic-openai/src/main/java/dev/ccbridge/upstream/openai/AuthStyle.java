package dev.ccbridge.upstream.openai;

/** How an upstream wants its key. */
public enum AuthStyle {
    /** {@code Authorization: Bearer <key>}: OpenAI and nearly every compatible server. */
    BEARER,
    /** {@code api-key: <key>}: Azure OpenAI. */
    API_KEY_HEADER
}
