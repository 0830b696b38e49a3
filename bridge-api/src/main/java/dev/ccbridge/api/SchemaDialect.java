package dev.ccbridge.api;

/** Which JSON Schema keywords an upstream accepts in tool parameters. */
public enum SchemaDialect {
    /** Any JSON Schema is passed through unchanged. */
    FULL,
    /**
     * A restricted subset (Gemini's OpenAI endpoint and strict backends): {@code $schema}, {@code propertyNames},
     * {@code format}, {@code const}, {@code exclusiveMinimum}, {@code additionalProperties} and similar are removed
     * and the constraints they expressed are kept as text in the {@code description}.
     */
    RESTRICTED
}
