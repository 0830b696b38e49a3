package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.upstream.openai.quirks.ContentPartsArray;
import dev.ccbridge.upstream.openai.quirks.ErrorFieldLine;
import dev.ccbridge.upstream.openai.quirks.ToolCallsWithoutIndex;
import dev.ccbridge.upstream.openai.quirks.UsageInsideChoice;

import java.net.URI;
import java.util.List;

/**
 * An OpenAI-compatible upstream: the configured base URL, Bearer authentication with the configured key (or the
 * caller's key when none is configured), capabilities from settings, and the quirks that repair known
 * deviations from the OpenAI stream format, each gated on the deviation it repairs.
 */
public class GenericOpenAiAdapter implements UpstreamAdapter {

    /** Repairs that only act on chunks showing their deviation, so they are safe for every upstream. */
    static final List<ChunkQuirk> SHAPE_QUIRKS = List.of(new ErrorFieldLine(), new ContentPartsArray(),
            new ToolCallsWithoutIndex(), new UsageInsideChoice());

    private final URI endpoint;
    private final String apiKey;
    private final Capabilities capabilities;

    /**
     * @param settings the upstream's settings: {@code base-url} (required), {@code api-key}, and capability
     *                 overrides (see {@link CapabilitySettings})
     */
    public GenericOpenAiAdapter(AdapterSettings settings) {
        this(settings, Capabilities.builder().build());
    }

    /**
     * @param settings     the upstream's settings
     * @param capabilities the capabilities before the settings' overrides
     */
    protected GenericOpenAiAdapter(AdapterSettings settings, Capabilities capabilities) {
        this.endpoint = Endpoints.chatCompletions(settings.getUri("base-url", null));
        this.apiKey = settings.find("api-key").orElse(null);
        this.capabilities = CapabilitySettings.apply(capabilities, settings);
    }

    @Override
    public URI chatCompletionsUri(String model) {
        return endpoint;
    }

    @Override
    public Capabilities capabilities(String model) {
        return capabilities;
    }

    @Override
    public void prepare(OutboundRequest request) {
        String key = apiKey != null ? apiKey : request.callerKey().orElse(null);
        if (key != null) {
            request.headers().put("Authorization", "Bearer " + key);
        }
    }

    @Override
    public List<ChunkQuirk> chunkQuirks(String model) {
        return SHAPE_QUIRKS;
    }

    @Override
    public String describe() {
        return endpoint + (apiKey == null ? " (forwarding the caller's key)" : "");
    }
}
