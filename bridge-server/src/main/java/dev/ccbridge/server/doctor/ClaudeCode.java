package dev.ccbridge.server.doctor;

import java.util.List;

/**
 * What Claude Code (2.1.329, observed on the wire and in its own files) does with its settings, as far as pointing
 * it at a bridge goes. Settings files are merged with the shell's environment, the {@code env} of a settings file
 * winning over the shell, and {@code .claude/settings.local.json} over {@code .claude/settings.json} over the user's
 * {@code settings.json}; the user's files live in {@code $CLAUDE_CONFIG_DIR}, else {@code ~/.claude}, and
 * {@code .claude.json} next to them (in the home folder when there is no {@code CLAUDE_CONFIG_DIR}). Of the
 * credentials, {@code ANTHROPIC_AUTH_TOKEN} goes as {@code Authorization: Bearer}; {@code ANTHROPIC_API_KEY}, or else
 * a key stored by a Console login ({@code primaryApiKey} in {@code .claude.json}), goes as {@code x-api-key}, even
 * alongside the bearer token; only without either does a claude.ai login ({@code .credentials.json}) send its
 * OAuth token as the bearer.
 */
public final class ClaudeCode {

    /** The model Claude Code asks for when nothing chooses another. */
    public static final String DEFAULT_MODEL = "claude-opus-5-5";

    /** Where requests go. */
    public static final String BASE_URL = "ANTHROPIC_BASE_URL";
    /** Sent as {@code Authorization: Bearer}: the variable a bridge or gateway key belongs in. */
    public static final String AUTH_TOKEN = "ANTHROPIC_AUTH_TOKEN";
    /** Sent as {@code x-api-key}; must be empty so an Anthropic key cannot take part. */
    public static final String API_KEY = "ANTHROPIC_API_KEY";
    /** The context window Claude Code assumes; unknown models count as 1,000,000 tokens. */
    public static final String MAX_CONTEXT_TOKENS = "CLAUDE_CODE_MAX_CONTEXT_TOKENS";
    /** {@code 0} removes the per-request billing header block, which defeats upstream prefix caching. */
    public static final String ATTRIBUTION_HEADER = "CLAUDE_CODE_ATTRIBUTION_HEADER";
    /** A long-lived claude.ai token from {@code claude setup-token}. */
    public static final String OAUTH_TOKEN = "CLAUDE_CODE_OAUTH_TOKEN";
    /** Milliseconds Claude Code waits for response headers. */
    public static final String API_TIMEOUT_MS = "API_TIMEOUT_MS";
    /** Milliseconds a stream may stay silent before Claude Code gives up; unset means no limit. */
    public static final String STREAM_IDLE_TIMEOUT_MS = "CLAUDE_STREAM_IDLE_TIMEOUT_MS";
    /** Where the user's settings and credentials live instead of {@code ~/.claude}. */
    public static final String CONFIG_DIR = "CLAUDE_CONFIG_DIR";

    /** Variables that send Claude Code to a cloud provider, past {@code ANTHROPIC_BASE_URL}. */
    public static final List<String> CLOUD_PROVIDERS = List.of("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY");

    /** Variables naming the models Claude Code asks for, in the order it prefers them. */
    public static final List<String> MODEL_VARIABLES = List.of("ANTHROPIC_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL",
            "ANTHROPIC_DEFAULT_SONNET_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_SMALL_FAST_MODEL");

    /** Every variable {@code doctor} reads and reports the source of. */
    public static final List<String> VARIABLES = List.of(BASE_URL, AUTH_TOKEN, API_KEY, OAUTH_TOKEN,
            MAX_CONTEXT_TOKENS, ATTRIBUTION_HEADER, API_TIMEOUT_MS, STREAM_IDLE_TIMEOUT_MS, "ENABLE_TOOL_SEARCH",
            "CLAUDE_CODE_MAX_OUTPUT_TOKENS", "ANTHROPIC_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL",
            "ANTHROPIC_DEFAULT_SONNET_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_SMALL_FAST_MODEL",
            "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY");

    private ClaudeCode() {
    }
}
