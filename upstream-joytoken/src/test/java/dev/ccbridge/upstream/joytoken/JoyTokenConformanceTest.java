package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.AdapterConformanceTest;
import dev.ccbridge.api.Feature;
import dev.ccbridge.api.UpstreamAdapterFactory;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** {@code joytoken} with the seed settings: a key and nothing else (the base URL has a default). */
class JoyTokenConformanceTest extends AdapterConformanceTest {

    private static final Set<Feature> ROUTED = EnumSet.of(Feature.IMAGES, Feature.TOOL_CHOICE,
            Feature.PARALLEL_TOOL_CALLS, Feature.STREAM_USAGE, Feature.STOP_SEQUENCES, Feature.SAMPLING);

    @Override
    protected UpstreamAdapterFactory factory() {
        return new JoyTokenFactory();
    }

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("api-key", SENTINEL_KEY, "tier", "standard");
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of();
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("auto", ROUTED, "openai/gpt-4o-mini", ROUTED);
    }

    @Override
    protected Map<String, Limits> expectedLimits() {
        return Map.of("auto", new Limits(0, 0));
    }

    @Override
    protected String expectedHost() {
        return "api-dev.joytokens.ai";
    }
}
