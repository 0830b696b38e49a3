package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.Feature;

import java.util.Map;
import java.util.Set;

/** {@code gemini}: no {@code parallel_tool_calls} (rejected as an unknown field). */
class GeminiProfileConformanceTest extends ProfileConformanceTest {

    private static final Set<Feature> GEMINI = minus(plus(PLAIN, Feature.JSON_SCHEMA_OUTPUT),
            Feature.PARALLEL_TOOL_CALLS);

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("profile", "gemini", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("gemini-2.5-pro", GEMINI, "gemini-2.5-flash", GEMINI, "gemini-2.0-flash", GEMINI);
    }

    @Override
    protected Map<String, Limits> expectedLimits() {
        return Map.of("gemini-2.5-pro", new Limits(1048576, 65535), "gemini-2.0-flash", new Limits(1048576, 8192));
    }

    @Override
    protected String expectedHost() {
        return "generativelanguage.googleapis.com";
    }
}
