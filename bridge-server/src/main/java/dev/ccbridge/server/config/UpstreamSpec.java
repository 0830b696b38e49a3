package dev.ccbridge.server.config;

import java.util.Map;

/**
 * One configured upstream before its adapter is created.
 *
 * @param name      the upstream's name, used in logs, routes and thinking signatures
 * @param adapterId the id of the adapter that serves it
 * @param settings  the adapter's settings
 * @param origin    where it was configured, for error messages (e.g. {@code UPSTREAM_BASE_URL})
 */
public record UpstreamSpec(String name, String adapterId, Map<String, String> settings, String origin) {

    /**
     * @param name      the upstream's name
     * @param adapterId the adapter id
     * @param settings  the adapter's settings
     * @param origin    where it was configured
     */
    public UpstreamSpec {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("upstream name '" + name
                    + "' may only contain letters, digits, '_' and '-' (" + origin + ")");
        }
        settings = Map.copyOf(settings);
    }
}
