package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.UpstreamEvent;

/**
 * Drops the SSE comment lines upstreams send to keep a connection open: DeepSeek's {@code : keep-alive} while a
 * request is queued (for up to ten minutes before it starts), OpenRouter's {@code : OPENROUTER PROCESSING}. They
 * carry nothing to translate; the bridge keeps its client alive with its own {@code ping} events.
 *
 * <p>Gate: only comment events.
 */
public final class KeepAliveComments implements ChunkQuirk {

    @Override
    public String name() {
        return "keep-alive-comments";
    }

    @Override
    public Rewriter open() {
        return event -> event instanceof UpstreamEvent.Comment ? null : event;
    }
}
