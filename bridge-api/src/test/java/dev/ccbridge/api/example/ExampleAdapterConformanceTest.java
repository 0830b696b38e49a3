package dev.ccbridge.api.example;

import dev.ccbridge.api.AdapterConformanceTest;
import dev.ccbridge.api.Feature;
import dev.ccbridge.api.UpstreamAdapterFactory;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The conformance test against the smallest adapter the SPI allows. */
class ExampleAdapterConformanceTest extends AdapterConformanceTest {

    @Override
    protected UpstreamAdapterFactory factory() {
        return new ExampleAdapterFactory();
    }

    @Override
    protected Map<String, String> workingSettings() {
        return Map.of("base-url", "https://llm.example.com/v1", "api-key", SENTINEL_KEY);
    }

    @Override
    protected Set<String> requiredSettings() {
        return Set.of("base-url");
    }

    @Override
    protected Map<String, Set<Feature>> declaredFeatures() {
        return Map.of("example-model", EnumSet.of(Feature.IMAGES, Feature.TOOL_CHOICE, Feature.PARALLEL_TOOL_CALLS,
                Feature.STREAM_USAGE, Feature.STOP_SEQUENCES, Feature.SAMPLING));
    }

    @Override
    protected Map<String, Limits> expectedLimits() {
        return Map.of("example-model", new Limits(128000, 16384));
    }
}
