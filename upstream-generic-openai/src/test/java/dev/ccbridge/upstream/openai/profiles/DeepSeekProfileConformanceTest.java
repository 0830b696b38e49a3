package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code deepseek}: text only. */
class DeepSeekProfileConformanceTest extends ProfileConformanceTest {

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "deepseek", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("deepseek-chat", minus(PLAIN, Feature.IMAGES), "deepseek-reasoner", minus(PLAIN, Feature.IMAGES));
    }

    @Override
    protected Map<String, Limits> expectedLimits() {
        return Map.of("deepseek-chat", new Limits(131072, 8192), "deepseek-reasoner", new Limits(131072, 65536));
    }

    @Override
    protected String expectedHost() {
        return "api.deepseek.com";
    }
}
