package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code lmstudio}. */
class LmStudioProfileConformanceTest extends ProfileConformanceTest {

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "lmstudio", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("qwen/qwen3-coder-30b", plus(PLAIN, Feature.JSON_SCHEMA_OUTPUT));
    }

    @Override
    protected String expectedHost() {
        return "127.0.0.1";
    }
}
