package dev.ccbridge.upstream.openai.profiles;

import dev.ccbridge.api.AdapterConformanceTest;
import dev.ccbridge.api.Feature;
import dev.ccbridge.api.UpstreamAdapterFactory;
import dev.ccbridge.upstream.openai.GenericOpenAiFactory;

import java.util.EnumSet;
import java.util.Set;

/** The conformance test of {@code generic-openai} under one profile; one subclass per profile. */
abstract class ProfileConformanceTest extends AdapterConformanceTest {

    /** What a plain OpenAI-compatible server accepts. */
    static final Set<Feature> PLAIN = EnumSet.of(Feature.IMAGES, Feature.TOOL_CHOICE, Feature.PARALLEL_TOOL_CALLS,
            Feature.STREAM_USAGE, Feature.STOP_SEQUENCES, Feature.SAMPLING);

    @Override
    protected final UpstreamAdapterFactory factory() {
        return new GenericOpenAiFactory();
    }

    static Set<Feature> plus(Set<Feature> base, Feature... more) {
        EnumSet<Feature> out = EnumSet.copyOf(base);
        out.addAll(Set.of(more));
        return out;
    }

    static Set<Feature> minus(Set<Feature> base, Feature... less) {
        EnumSet<Feature> out = EnumSet.copyOf(base);
        out.removeAll(Set.of(less));
        return out;
    }
}
