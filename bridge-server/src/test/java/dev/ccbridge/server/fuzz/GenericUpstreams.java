package dev.ccbridge.server.fuzz;

import dev.ccbridge.api.AdapterContext;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.api.UpstreamAdapterFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in {@code generic-openai} adapter, found through {@link ServiceLoader} as the bridge finds it, in a few
 * of its profiles: their capabilities, request quirks and stream quirks are what the fuzz targets run through.
 */
final class GenericUpstreams {

    /** The upstream name the fuzz targets translate for; thinking signatures carry it. */
    static final String NAME = "fuzz";
    /** The upstream model the fuzz targets ask for. */
    static final String MODEL = "fuzz-model";

    /** Profiles that differ in what they accept and in which quirks they apply. */
    static final List<String> PROFILES = List.of("openai-compatible", "openai", "deepseek", "gemini", "mistral",
            "ollama", "openrouter");

    private static final Map<String, UpstreamAdapter> ADAPTERS = new ConcurrentHashMap<>();

    private GenericUpstreams() {
    }

    /**
     * @param profile one of {@link #PROFILES}
     * @return the adapter for an upstream with that profile
     */
    static UpstreamAdapter adapter(String profile) {
        return ADAPTERS.computeIfAbsent(profile, GenericUpstreams::create);
    }

    private static UpstreamAdapter create(String profile) {
        UpstreamAdapterFactory factory = ServiceLoader.load(UpstreamAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("generic-openai"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("generic-openai is not on the test class path"));
        AdapterSettings settings = new AdapterSettings(NAME,
                Map.of("profile", profile, "base-url", "http://127.0.0.1:9/v1", "api-key", "fuzz-not-a-key"));
        return factory.create(settings, new AdapterContext(NAME, Clock.systemUTC(), System.getLogger("ccbridge.fuzz")));
    }
}
