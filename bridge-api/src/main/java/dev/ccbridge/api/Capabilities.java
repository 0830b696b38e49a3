package dev.ccbridge.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an upstream model accepts, so the translation engine never sends what would be rejected and never clamps
 * silently. Build with {@link #builder()}; unknown limits are {@code 0}.
 *
 * @param maxOutputTokens   the model's output token cap; requests asking for more are clamped (with a log line);
 *                          {@code 0} when unknown
 * @param contextWindow     the model's context window in tokens, used for overflow messages and
 *                          {@code /v1/models}; {@code 0} when unknown
 * @param tokenLimitField   which field carries the output limit
 * @param reasoningDialect  how reasoning effort is requested
 * @param reasoningEcho     whether earlier reasoning must be sent back on assistant turns
 *                          ({@code reasoning_content}), as DeepSeek, Kimi and GLM thinking modes require
 * @param toolNameMaxLength the longest function name accepted; longer names get a short reversible alias
 * @param schemaDialect     which JSON Schema keywords tool parameters may use
 * @param maxStopSequences  how many stop sequences are accepted; {@code 0} when unlimited
 * @param features          the optional features the upstream accepts; an empty set means none
 */
public record Capabilities(int maxOutputTokens,
                           int contextWindow,
                           TokenLimitField tokenLimitField,
                           ReasoningDialect reasoningDialect,
                           boolean reasoningEcho,
                           int toolNameMaxLength,
                           SchemaDialect schemaDialect,
                           int maxStopSequences,
                           Set<Feature> features) {

    /** The OpenAI function-name limit, which most compatible servers share. */
    public static final int OPENAI_TOOL_NAME_LIMIT = 64;
    /** OpenAI's limit on {@code stop}, and the schema's: "Up to 4 sequences". */
    public static final int OPENAI_STOP_SEQUENCE_LIMIT = 4;

    /**
     * Validates and freezes the record.
     *
     * @throws IllegalArgumentException for negative limits
     */
    public Capabilities {
        Objects.requireNonNull(tokenLimitField, "tokenLimitField");
        Objects.requireNonNull(reasoningDialect, "reasoningDialect");
        Objects.requireNonNull(schemaDialect, "schemaDialect");
        if (maxOutputTokens < 0 || contextWindow < 0 || maxStopSequences < 0 || toolNameMaxLength < 1) {
            throw new IllegalArgumentException("limits must be positive (or 0 for unknown)");
        }
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    /**
     * @param feature an optional feature
     * @return whether the upstream accepts it
     */
    public boolean supports(Feature feature) {
        return features.contains(feature);
    }

    /**
     * @return a builder with the defaults of a plain OpenAI-compatible server: {@code max_tokens}, no reasoning
     *         parameter, 64-character tool names, four stop sequences, full JSON Schema, and images, tool choice,
     *         parallel tool calls, stream usage, stop sequences and sampling parameters
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder holding this record's values
     */
    public Builder toBuilder() {
        return new Builder()
                .maxOutputTokens(maxOutputTokens)
                .contextWindow(contextWindow)
                .tokenLimitField(tokenLimitField)
                .reasoningDialect(reasoningDialect)
                .reasoningEcho(reasoningEcho)
                .toolNameMaxLength(toolNameMaxLength)
                .schemaDialect(schemaDialect)
                .maxStopSequences(maxStopSequences)
                .features(features);
    }

    /** Builds {@link Capabilities}. */
    public static final class Builder {
        private int maxOutputTokens;
        private int contextWindow;
        private TokenLimitField tokenLimitField = TokenLimitField.MAX_TOKENS;
        private ReasoningDialect reasoningDialect = ReasoningDialect.NONE;
        private boolean reasoningEcho;
        private int toolNameMaxLength = OPENAI_TOOL_NAME_LIMIT;
        private SchemaDialect schemaDialect = SchemaDialect.FULL;
        private int maxStopSequences = OPENAI_STOP_SEQUENCE_LIMIT;
        private final EnumSet<Feature> features = EnumSet.of(Feature.IMAGES, Feature.TOOL_CHOICE,
                Feature.PARALLEL_TOOL_CALLS, Feature.STREAM_USAGE, Feature.STOP_SEQUENCES, Feature.SAMPLING);

        private Builder() {
        }

        /**
         * @param tokens output token cap, {@code 0} when unknown
         * @return this builder
         */
        public Builder maxOutputTokens(int tokens) {
            this.maxOutputTokens = tokens;
            return this;
        }

        /**
         * @param tokens context window, {@code 0} when unknown
         * @return this builder
         */
        public Builder contextWindow(int tokens) {
            this.contextWindow = tokens;
            return this;
        }

        /**
         * @param field which field carries the output limit
         * @return this builder
         */
        public Builder tokenLimitField(TokenLimitField field) {
            this.tokenLimitField = field;
            return this;
        }

        /**
         * @param dialect how reasoning effort is requested
         * @return this builder
         */
        public Builder reasoningDialect(ReasoningDialect dialect) {
            this.reasoningDialect = dialect;
            return this;
        }

        /**
         * @param echo whether earlier reasoning must be sent back
         * @return this builder
         */
        public Builder reasoningEcho(boolean echo) {
            this.reasoningEcho = echo;
            return this;
        }

        /**
         * @param length the longest accepted function name
         * @return this builder
         */
        public Builder toolNameMaxLength(int length) {
            this.toolNameMaxLength = length;
            return this;
        }

        /**
         * @param dialect accepted JSON Schema keywords
         * @return this builder
         */
        public Builder schemaDialect(SchemaDialect dialect) {
            this.schemaDialect = dialect;
            return this;
        }

        /**
         * @param count accepted stop sequences, {@code 0} when unlimited
         * @return this builder
         */
        public Builder maxStopSequences(int count) {
            this.maxStopSequences = count;
            return this;
        }

        /**
         * Replaces the feature set.
         *
         * @param accepted the accepted features; empty for none
         * @return this builder
         */
        public Builder features(Set<Feature> accepted) {
            this.features.clear();
            this.features.addAll(accepted);
            return this;
        }

        /**
         * @param feature a feature to accept
         * @return this builder
         */
        public Builder with(Feature feature) {
            this.features.add(feature);
            return this;
        }

        /**
         * @param feature a feature to refuse
         * @return this builder
         */
        public Builder without(Feature feature) {
            this.features.remove(feature);
            return this;
        }

        /**
         * @return the capabilities
         */
        public Capabilities build() {
            return new Capabilities(maxOutputTokens, contextWindow, tokenLimitField, reasoningDialect,
                    reasoningEcho, toolNameMaxLength, schemaDialect, maxStopSequences, features);
        }
    }
}
