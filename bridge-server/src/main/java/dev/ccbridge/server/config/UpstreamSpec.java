package dev.ccbridge.server.config;

import java.time.Duration;
import java.util.Map;

/**
 * One configured upstream before its adapter is created.
 *
 * @param name           the upstream's name, used in logs, routes and thinking signatures
 * @param adapterId      the id of the adapter that serves it
 * @param settings       the adapter's settings
 * @param defaultModel   the model to ask this upstream for when nothing maps the client's model, or {@code null}
 * @param connectTimeout how long connecting may take
 * @param firstByteTimeout how long the upstream may take to start answering (reasoning models think first)
 * @param idleTimeout    how long a started stream may stay silent
 * @param maxConnections how many requests may be in flight to this upstream at once
 * @param origin         where it was configured, for error messages (e.g. {@code UPSTREAM_BASE_URL})
 */
public record UpstreamSpec(String name,
                           String adapterId,
                           Map<String, String> settings,
                           String defaultModel,
                           Duration connectTimeout,
                           Duration firstByteTimeout,
                           Duration idleTimeout,
                           int maxConnections,
                           String origin) {

    /**
     * Validates the name and freezes the settings.
     *
     * @throws IllegalArgumentException for a name that would not survive in thinking signatures and logs
     */
    public UpstreamSpec {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("upstream name '" + name
                    + "' may only contain letters, digits, '_' and '-' (" + origin + ")");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException(origin + ": max-connections must be at least 1");
        }
        settings = Map.copyOf(settings);
    }
}
