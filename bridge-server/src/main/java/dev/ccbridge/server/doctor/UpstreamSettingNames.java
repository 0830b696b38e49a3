package dev.ccbridge.server.doctor;

import dev.ccbridge.server.config.UpstreamSpec;

import java.util.List;

/**
 * The names of the settings a user changes to fix an upstream, as they configured it: the seed variables
 * ({@code UPSTREAM_API_KEY}, {@code JOY_TOKEN_API_KEY}, ...) or the YAML keys ({@code bridge.upstreams.0...}).
 */
public final class UpstreamSettingNames {

    private UpstreamSettingNames() {
    }

    /**
     * @param upstream an upstream, by name
     * @param specs    every configured upstream
     * @return the setting that holds its key
     */
    public static String key(String upstream, List<UpstreamSpec> specs) {
        String origin = origin(upstream, specs);
        if (origin.equals("UPSTREAM_BASE_URL")) {
            return "UPSTREAM_API_KEY";
        }
        return origin.startsWith("JOY_TOKEN_") ? "JOY_TOKEN_API_KEY" : origin + ".settings.api-key";
    }

    /**
     * @param upstream an upstream, by name
     * @param specs    every configured upstream
     * @return the setting that holds its URL
     */
    public static String url(String upstream, List<UpstreamSpec> specs) {
        String origin = origin(upstream, specs);
        if (origin.equals("UPSTREAM_BASE_URL")) {
            return origin;
        }
        return origin.startsWith("JOY_TOKEN_") ? "JOY_TOKEN_OPENAI_BASE_URL" : origin + ".settings.base-url";
    }

    private static String origin(String upstream, List<UpstreamSpec> specs) {
        return specs.stream().filter(spec -> spec.name().equals(upstream)).map(UpstreamSpec::origin).findFirst()
                .orElse("bridge.upstreams");
    }
}
