package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/**
 * {@code mistral}: no {@code stream_options} (Mistral answers 422 "extra_forbidden" for it; usage comes on the
 * finish chunk anyway).
 */
class MistralProfileConformanceTest extends ProfileConformanceTest {

    private static final Set<Feature> MISTRAL = minus(plus(PLAIN, Feature.JSON_SCHEMA_OUTPUT), Feature.STREAM_USAGE);

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "mistral", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("mistral-large-latest", MISTRAL, "magistral-medium-2509", MISTRAL, "codestral-latest", MISTRAL);
    }

    @Override
    protected Map<String, Limits> expectedLimits() {
        return Map.of("magistral-medium-2509", new Limits(131072, 40000),
                "codestral-latest", new Limits(262144, 0));
    }

    @Override
    protected String expectedHost() {
        return "api.mistral.ai";
    }
}
