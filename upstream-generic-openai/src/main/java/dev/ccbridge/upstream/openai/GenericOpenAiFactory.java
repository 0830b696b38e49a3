package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.AdapterContext;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.api.UpstreamAdapterFactory;

/** {@code generic-openai}: any OpenAI-compatible chat/completions endpoint. */
public final class GenericOpenAiFactory implements UpstreamAdapterFactory {

    /** The adapter id. */
    public static final String ID = "generic-openai";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public UpstreamAdapter create(AdapterSettings settings, AdapterContext context) {
        return new GenericOpenAiAdapter(settings);
    }

    @Override
    public String description() {
        return "any OpenAI-compatible /chat/completions endpoint";
    }
}
