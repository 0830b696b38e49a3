package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.AdapterContext;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.api.UpstreamAdapterFactory;

/** {@code joytoken}: JoyToken's OpenAI-compatible gateway. */
public final class JoyTokenFactory implements UpstreamAdapterFactory {

    /** The adapter id. */
    public static final String ID = "joytoken";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public UpstreamAdapter create(AdapterSettings settings, AdapterContext context) {
        return new JoyTokenAdapter(settings);
    }

    @Override
    public String description() {
        return "JoyToken (model routing, governance headers, billing metadata)";
    }
}
