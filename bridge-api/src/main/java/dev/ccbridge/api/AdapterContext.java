package dev.ccbridge.api;

import java.time.Clock;

/**
 * What the bridge hands every adapter it creates.
 *
 * @param upstreamName the name of the configured upstream this adapter serves, e.g. {@code joytoken}
 * @param clock        the bridge's clock; adapters use it instead of the system clock so replays are exact
 * @param logger       a logger named after the adapter
 */
public record AdapterContext(String upstreamName, Clock clock, System.Logger logger) {
}
