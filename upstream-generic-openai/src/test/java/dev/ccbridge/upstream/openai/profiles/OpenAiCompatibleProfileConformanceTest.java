package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** The default profile, {@code openai-compatible}: nothing assumed beyond the OpenAI basics. */
class OpenAiCompatibleProfileConformanceTest extends ProfileConformanceTest {

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("base-url", "http://10.0.0.7:9000/v1", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of("base-url");
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("qwen3-coder-30b", PLAIN, "any/model:latest", PLAIN);
    }

    @Override
    protected Map<String, Limits> expectedLimits() {
        return Map.of("qwen3-coder-30b", new Limits(0, 0));
    }
}
