package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code groq}. */
class GroqProfileConformanceTest extends ProfileConformanceTest {

    private static final Set<Feature> GROQ = plus(PLAIN, Feature.USER, Feature.JSON_SCHEMA_OUTPUT);

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "groq", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("openai/gpt-oss-120b", GROQ, "llama-3.3-70b-versatile", GROQ);
    }

    @Override
    protected Map<String, Limits> expectedLimits() {
        return Map.of("openai/gpt-oss-120b", new Limits(131072, 65536),
                "llama-3.3-70b-versatile", new Limits(131072, 32768));
    }

    @Override
    protected String expectedHost() {
        return "api.groq.com";
    }
}
