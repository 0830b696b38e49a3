package dev.ccbridge.server.upstream;

import java.util.List;
import java.util.Map;

/**
 * Where one request goes: the upstreams to try in order, each with the model to ask it for.
 *
 * @param targets the attempts, in fallback order
 * @param retries extra attempts on the same upstream after a 429 or 5xx
 */
public record Route(List<Target> targets, int retries) {

    /**
     * @param upstream the upstream
     * @param model    the model to ask it for
     * @param options  the route's options for the adapter
     */
    public record Target(ConfiguredUpstream upstream, String model, Map<String, String> options) {
    }
}
