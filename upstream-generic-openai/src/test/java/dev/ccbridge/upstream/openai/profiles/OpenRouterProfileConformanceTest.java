package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code openrouter}: provider-prefixed model names, {@code top_k} and PDFs accepted. */
class OpenRouterProfileConformanceTest extends ProfileConformanceTest {

    private static final Set<Feature> OPENROUTER = plus(PLAIN, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT,
            Feature.USER, Feature.TOP_K);

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "openrouter", "api-key", SENTINEL_KEY,
                "headers.HTTP-Referer", "https://ccbridge.example", "headers.X-Title", "ccbridge");
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("anthropic/claude-sonnet-4", OPENROUTER, "openai/gpt-4o", OPENROUTER,
                "deepseek/deepseek-r1", OPENROUTER);
    }

    @Override
    protected String expectedHost() {
        return "openrouter.ai";
    }
}
