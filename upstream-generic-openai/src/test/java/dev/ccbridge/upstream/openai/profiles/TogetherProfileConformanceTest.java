package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code together}. */
class TogetherProfileConformanceTest extends ProfileConformanceTest {

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "together", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8",
                plus(PLAIN, Feature.TOP_K, Feature.JSON_SCHEMA_OUTPUT));
    }

    @Override
    protected String expectedHost() {
        return "api.together.xyz";
    }
}
