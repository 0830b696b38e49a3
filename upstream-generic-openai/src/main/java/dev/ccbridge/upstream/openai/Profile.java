package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.ChunkQuirk;

import java.util.List;

/**
 * A ready-made description of one kind of OpenAI-compatible upstream, selected with the {@code profile} setting.
 * Every capability can still be overridden per upstream in configuration.
 *
 * @param name           the profile name, e.g. {@code deepseek}
 * @param description    one line for the startup summary
 * @param defaultBaseUrl the base URL when none is configured, or {@code null} when one is required
 * @param auth           how the key is sent
 * @param capabilities   the capabilities of a model no rule covers
 * @param modelRules     per model family adjustments, first match wins
 * @param chunkQuirks    repairs of its streams
 * @param requestQuirks  rewrites of its requests
 */
public record Profile(String name,
                      String description,
                      String defaultBaseUrl,
                      AuthStyle auth,
                      Capabilities capabilities,
                      List<ModelRule> modelRules,
                      List<ChunkQuirk> chunkQuirks,
                      List<RequestQuirk> requestQuirks) {

    /**
     * @param model a model name
     * @return the capabilities of that model under this profile, before configuration overrides
     */
    public Capabilities capabilitiesFor(String model) {
        for (ModelRule rule : modelRules) {
            if (rule.covers(model)) {
                return rule.adjust().apply(capabilities.toBuilder()).build();
            }
        }
        return capabilities;
    }
}
