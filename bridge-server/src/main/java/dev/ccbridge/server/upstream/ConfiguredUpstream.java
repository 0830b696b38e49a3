package dev.ccbridge.server.upstream;

import dev.ccbridge.api.UpstreamAdapter;

/**
 * An upstream ready to take requests.
 *
 * @param name     its configured name
 * @param adapterId the id of its adapter
 * @param adapter  the adapter
 * @param location where the adapter was found (class path or plugin)
 */
public record ConfiguredUpstream(String name, String adapterId, UpstreamAdapter adapter, String location) {
}
