package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code azure}: deployments named after OpenAI models get those models' capabilities. */
class AzureProfileConformanceTest extends ProfileConformanceTest {

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "azure", "base-url", "https://contoso-eastus.openai.azure.com",
                "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of("base-url");
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("gpt-4o", plus(PLAIN, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT, Feature.USER),
                "o3-mini", minus(plus(PLAIN, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT, Feature.USER),
                        Feature.SAMPLING, Feature.STOP_SEQUENCES),
                "prod-chat", plus(PLAIN, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT, Feature.USER));
    }

    @Override
    protected Map<String, Limits> expectedLimits() {
        return Map.of("gpt-4o", new Limits(128000, 16384), "prod-chat", new Limits(0, 0));
    }
}
