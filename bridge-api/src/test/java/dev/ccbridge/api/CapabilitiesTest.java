package dev.ccbridge.api;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilitiesTest {

    @Test
    void builderDefaultsArePlainOpenAiCompatible() {
        Capabilities capabilities = Capabilities.builder().build();
        assertEquals(EnumSet.of(Feature.IMAGES, Feature.TOOL_CHOICE, Feature.PARALLEL_TOOL_CALLS,
                Feature.STREAM_USAGE, Feature.STOP_SEQUENCES, Feature.SAMPLING), capabilities.features());
        assertEquals(TokenLimitField.MAX_TOKENS, capabilities.tokenLimitField());
        assertEquals(ReasoningDialect.NONE, capabilities.reasoningDialect());
        assertEquals(SchemaDialect.FULL, capabilities.schemaDialect());
        assertEquals(Capabilities.OPENAI_TOOL_NAME_LIMIT, capabilities.toolNameMaxLength());
        assertEquals(0, capabilities.maxOutputTokens());
    }

    @Test
    void anEmptyFeatureSetMeansNone() {
        Capabilities capabilities = Capabilities.builder().features(Set.of()).build();
        assertEquals(Set.of(), capabilities.features());
        assertFalse(capabilities.supports(Feature.IMAGES));
    }

    @Test
    void toBuilderRoundTrips() {
        Capabilities capabilities = Capabilities.builder().maxOutputTokens(8192).contextWindow(131072)
                .tokenLimitField(TokenLimitField.MAX_COMPLETION_TOKENS)
                .reasoningDialect(ReasoningDialect.THINKING_TOGGLE).reasoningEcho(true).toolNameMaxLength(40)
                .schemaDialect(SchemaDialect.RESTRICTED).maxStopSequences(4).without(Feature.IMAGES)
                .with(Feature.TOP_K).build();
        assertEquals(capabilities, capabilities.toBuilder().build());
        assertTrue(capabilities.supports(Feature.TOP_K));
    }

    @Test
    void featuresCannotBeChangedAfterwards() {
        Capabilities capabilities = Capabilities.builder().build();
        assertThrows(UnsupportedOperationException.class, () -> capabilities.features().add(Feature.TOP_K));
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Capabilities.builder().maxOutputTokens(-1).build());
        assertThrows(IllegalArgumentException.class, () -> Capabilities.builder().toolNameMaxLength(0).build());
    }
}
