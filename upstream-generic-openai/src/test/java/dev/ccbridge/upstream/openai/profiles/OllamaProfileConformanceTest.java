package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code ollama}: {@code tool_choice} and {@code parallel_tool_calls} are not in its request struct. */
class OllamaProfileConformanceTest extends ProfileConformanceTest {

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "ollama", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("qwen3:32b", minus(PLAIN, Feature.TOOL_CHOICE, Feature.PARALLEL_TOOL_CALLS),
                "gpt-oss:20b", minus(PLAIN, Feature.TOOL_CHOICE, Feature.PARALLEL_TOOL_CALLS));
    }

    @Override
    protected String expectedHost() {
        return "127.0.0.1";
    }
}
