package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.upstream.openai.GenericOpenAiAdapter;

import java.util.Map;
import java.util.TreeMap;

/**
 * JoyToken: an OpenAI-compatible gateway that routes {@code model:"auto"} and traces requests by
 * {@code X-Request-ID}. The key is sent as {@code Authorization: Bearer}.
 */
final class JoyTokenAdapter extends GenericOpenAiAdapter {

    /** JoyToken's public OpenAI-compatible endpoint, from its quickstart. */
    static final String DEFAULT_BASE_URL = "https://api-dev.joytokens.ai/openai/v1";

    JoyTokenAdapter(AdapterSettings settings) {
        super(withDefaultBaseUrl(settings));
    }

    private static AdapterSettings withDefaultBaseUrl(AdapterSettings settings) {
        if (settings.find("base-url").isPresent()) {
            return settings;
        }
        Map<String, String> values = new TreeMap<>(settings.values());
        values.put("base-url", DEFAULT_BASE_URL);
        return new AdapterSettings(settings.upstreamName(), values);
    }

    @Override
    public void prepare(OutboundRequest request) {
        super.prepare(request);
        request.headers().put("X-Request-ID", request.requestId());
    }
}
