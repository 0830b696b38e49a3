package dev.ccbridge.server.upstream;

import java.util.List;

/**
 * Where one request goes.
 *
 * @param upstreamModel the model to ask for
 * @param upstreams     the upstreams to try, in order
 */
public record Route(String upstreamModel, List<ConfiguredUpstream> upstreams) {
}
