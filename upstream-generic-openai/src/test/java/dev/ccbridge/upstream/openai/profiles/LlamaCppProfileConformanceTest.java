package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code llamacpp}: {@code top_k} accepted. */
class LlamaCppProfileConformanceTest extends ProfileConformanceTest {

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "llamacpp", "base-url", "http://gpu-box.lan:8080", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("Qwen3-8B-Q4_K_M.gguf", plus(PLAIN, Feature.TOP_K, Feature.JSON_SCHEMA_OUTPUT));
    }
}
