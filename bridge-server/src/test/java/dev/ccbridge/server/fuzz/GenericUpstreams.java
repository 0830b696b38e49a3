package dev.ccbridge.server.fuzz;

import dev.ccbridge.api.AdapterContext;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.api.UpstreamAdapterFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in {@code generic-openai} adapter, found through {@link ServiceLoader} as the bridge finds it, set up
 * as a few different upstreams: their capabilities, request quirks and stream quirks are what the fuzz targets
 * run through.
 */
final class GenericUpstreams {

    /** The upstream name the fuzz targets translate for; thinking signatures carry it. */
    static final String NAME = "fuzz";
    /** The upstream model the fuzz targets ask for. */
    static final String MODEL = "fuzz-model";

    /**
     * Upstreams that differ in what they accept and in which quirks they apply: seven profiles as shipped, and
     * one with every limit tight and every optional feature on.
     */
    private static final Map<String, Map<String, String>> SETTINGS = settings();

    /** The names of those upstreams, in a fixed order. */
    static final List<String> UPSTREAMS = List.copyOf(SETTINGS.keySet());

    private static final Map<String, UpstreamAdapter> ADAPTERS = new ConcurrentHashMap<>();

    private GenericUpstreams() {
    }

    /**
     * @param name one of {@link #UPSTREAMS}
     * @return the adapter for that upstream
     */
    static UpstreamAdapter adapter(String name) {
        return ADAPTERS.computeIfAbsent(name, GenericUpstreams::create);
    }

    private static Map<String, Map<String, String>> settings() {
        Map<String, Map<String, String>> upstreams = new LinkedHashMap<>();
        for (String profile : List.of("openai-compatible", "openai", "deepseek", "gemini", "mistral", "ollama",
                "openrouter")) {
            upstreams.put(profile, Map.of("profile", profile));
        }
        upstreams.put("tight-limits", Map.of("profile", "openai-compatible", "tool-name-max-length", "16",
                "max-stop-sequences", "1", "max-output-tokens", "1000", "reasoning-echo", "true",
                "reasoning", "reasoning-object", "token-limit-field", "max-completion-tokens",
                "features-add", "web-search,top-k,pdf-files,json-schema-output,user,prompt-cache-key"));
        return upstreams;
    }

    private static UpstreamAdapter create(String name) {
        UpstreamAdapterFactory factory = ServiceLoader.load(UpstreamAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("generic-openai"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("generic-openai is not on the test class path"));
        Map<String, String> values = new HashMap<>(SETTINGS.get(name));
        values.put("base-url", "http://127.0.0.1:9/v1");
        values.put("api-key", "fuzz-not-a-key");
        AdapterSettings settings = new AdapterSettings(NAME, values);
        return factory.create(settings, new AdapterContext(NAME, Clock.systemUTC(), System.getLogger("ccbridge.fuzz")));
    }
}
