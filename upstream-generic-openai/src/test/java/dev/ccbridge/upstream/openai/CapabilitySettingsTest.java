package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.AdapterConfigException;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;
import dev.ccbridge.api.ReasoningDialect;
import dev.ccbridge.api.SchemaDialect;
import dev.ccbridge.api.TokenLimitField;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilitySettingsTest {

    private static final Capabilities BASE = Capabilities.builder().maxOutputTokens(8192).contextWindow(131072)
            .build();

    private static Capabilities apply(Map<String, String> values) {
        return CapabilitySettings.apply(BASE, new AdapterSettings("lab", values));
    }

    @Test
    void noSettingsKeepTheProfile() {
        assertEquals(BASE, apply(Map.of()));
    }

    @Test
    void everyOverrideKeyApplies() {
        Capabilities capabilities = apply(Map.ofEntries(
                Map.entry("max-output-tokens", "32_000"),
                Map.entry("context-window", "200000"),
                Map.entry("token-limit-field", "max_completion_tokens"),
                Map.entry("reasoning", "thinking-toggle"),
                Map.entry("reasoning-echo", "true"),
                Map.entry("tool-name-max-length", "40"),
                Map.entry("schema", "RESTRICTED"),
                Map.entry("max-stop-sequences", "4"),
                Map.entry("features", "images, tool-choice, stream_usage")));
        assertEquals(32000, capabilities.maxOutputTokens());
        assertEquals(200000, capabilities.contextWindow());
        assertEquals(TokenLimitField.MAX_COMPLETION_TOKENS, capabilities.tokenLimitField());
        assertEquals(ReasoningDialect.THINKING_TOGGLE, capabilities.reasoningDialect());
        assertTrue(capabilities.reasoningEcho());
        assertEquals(40, capabilities.toolNameMaxLength());
        assertEquals(SchemaDialect.RESTRICTED, capabilities.schemaDialect());
        assertEquals(4, capabilities.maxStopSequences());
        assertEquals(EnumSet.of(Feature.IMAGES, Feature.TOOL_CHOICE, Feature.STREAM_USAGE), capabilities.features());
    }

    @Test
    void featuresAddAndRemoveAdjustTheProfileSet() {
        Capabilities capabilities = apply(Map.of("features-add", "top-k,PDF_FILES", "features-remove",
                "images , parallel-tool-calls"));
        Set<Feature> expected = EnumSet.copyOf(BASE.features());
        expected.addAll(Set.of(Feature.TOP_K, Feature.PDF_FILES));
        expected.removeAll(Set.of(Feature.IMAGES, Feature.PARALLEL_TOOL_CALLS));
        assertEquals(expected, capabilities.features());
    }

    @Test
    void featuresNoneIsAnExplicitEmptySet() {
        assertEquals(Set.of(), apply(Map.of("features", "none")).features());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "token-limit-field | max_output      | max-tokens, max-completion-tokens",
            "reasoning         | effort          | none, reasoning-effort, reasoning-object, thinking-toggle",
            "schema            | strict          | full, restricted",
            "features          | images,vision   | images, pdf-files, tool-choice",
            "features-add      | web             | web-search",
            "features-remove   | sampling,temp   | sampling",
    })
    void aBadNameNamesTheKeyAndListsTheValidValues(String key, String value, String listed) {
        AdapterConfigException e = assertThrows(AdapterConfigException.class, () -> apply(Map.of(key, value)));
        assertTrue(e.getMessage().contains("upstream 'lab'"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(listed), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "max-output-tokens, lots",
            "max-output-tokens, -1",
            "context-window, 128k",
            "context-window, -5",
            "tool-name-max-length, 0",
            "max-stop-sequences, -4",
            "reasoning-echo, sometimes",
    })
    void aBadValueNamesTheKey(String key, String value) {
        AdapterConfigException e = assertThrows(AdapterConfigException.class, () -> apply(Map.of(key, value)));
        assertTrue(e.getMessage().contains("upstream 'lab'"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }
}
