package dev.ccbridge.api;

import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of an adapter: names it and builds configured instances.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.ccbridge.api.UpstreamAdapterFactory}. The factory
 * must have a public no-argument constructor and should do no work in it; the bridge creates one adapter per
 * configured upstream by calling {@link #create(AdapterSettings, AdapterContext)}.
 */
public interface UpstreamAdapterFactory {

    /**
     * The id that configuration uses to select this adapter, e.g. {@code generic-openai}. Lower case letters,
     * digits and dashes; unique among all adapters the bridge can see.
     *
     * @return the adapter id
     */
    String id();

    /**
     * Builds an adapter for one configured upstream.
     *
     * @param settings the upstream's settings, as plain strings
     * @param context  what the bridge offers every adapter
     * @return a ready adapter
     * @throws AdapterConfigException when a setting is missing or invalid; its message names the setting
     */
    UpstreamAdapter create(AdapterSettings settings, AdapterContext context);

    /**
     * The setting keys whose values are secrets. The bridge masks their values wherever it prints or records
     * settings.
     *
     * @return secret setting keys; {@code api-key} by default
     */
    default Set<String> secretSettings() {
        return Set.of("api-key");
    }

    /**
     * One line for humans, shown in the startup summary and in discovery errors.
     *
     * @return a short description of the upstream kind
     */
    default String description() {
        return id();
    }
}
