package dev.ccbridge.server.config;

import java.util.List;
import java.util.Map;

/**
 * A configured route: which client models it takes and the upstreams to try for them, in order.
 *
 * <pre>{@code
 * bridge:
 *   routes:
 *     - match: ["claude-*haiku*"]
 *       upstreams: [{name: openai, model: gpt-4o-mini}, {name: joytoken, model: auto}]
 *       options: {tier: economy}
 * }</pre>
 *
 * @param match     client model globs
 * @param targets   the upstreams in fallback order
 * @param options   options handed to each upstream's adapter (e.g. JoyToken's {@code tier})
 * @param retries   extra attempts on the same upstream after a 429 or 5xx, before falling back (0 by default:
 *                  Claude Code already retries, honouring {@code retry-after})
 */
public record RouteSpec(List<String> match, List<Target> targets, Map<String, String> options, int retries) {

    /**
     * @param upstream the upstream's name
     * @param model    the model to ask it for, or {@code null} to use the model mapping
     */
    public record Target(String upstream, String model) {
    }
}
