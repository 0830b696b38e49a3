package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code vllm}: local by default. */
class VllmProfileConformanceTest extends ProfileConformanceTest {

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "vllm", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("Qwen/Qwen3-32B", plus(PLAIN, Feature.TOP_K, Feature.JSON_SCHEMA_OUTPUT));
    }

    @Override
    protected String expectedHost() {
        return "127.0.0.1";
    }
}
