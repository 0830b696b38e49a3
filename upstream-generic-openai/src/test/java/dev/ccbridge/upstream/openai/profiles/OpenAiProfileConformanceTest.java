package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code openai}: reasoning models (o-series, gpt-5) take neither sampling parameters nor stop sequences. */
class OpenAiProfileConformanceTest extends ProfileConformanceTest {

    private static final Set<Feature> REASONING = minus(plus(PLAIN, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT,
            Feature.USER, Feature.PROMPT_CACHE_KEY), Feature.SAMPLING, Feature.STOP_SEQUENCES);

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "openai", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of(
                "gpt-4o", plus(PLAIN, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT, Feature.USER,
                        Feature.PROMPT_CACHE_KEY),
                "gpt-4.1-mini", plus(PLAIN, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT, Feature.USER,
                        Feature.PROMPT_CACHE_KEY),
                "o3", REASONING, "o4-mini", REASONING, "gpt-5", REASONING, "gpt-5-mini", REASONING);
    }

    @Override
    protected Map<String, Limits> expectedLimits() {
        return Map.of("gpt-4o", new Limits(128000, 16384), "gpt-4.1-mini", new Limits(1047576, 32768),
                "o3", new Limits(200000, 100000), "gpt-5", new Limits(400000, 128000));
    }

    @Override
    protected String expectedHost() {
        return "api.openai.com";
    }
}
