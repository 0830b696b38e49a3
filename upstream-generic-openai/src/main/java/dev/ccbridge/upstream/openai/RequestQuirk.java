package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.OutboundRequest;

/**
 * A named rewrite of an outbound request for an upstream that rejects part of the standard OpenAI request. Like
 * {@link dev.ccbridge.api.ChunkQuirk}, each has a narrow gate: its profile, and within a request only what it
 * exists for.
 */
public interface RequestQuirk {

    /**
     * @return a short name for logs
     */
    String name();

    /**
     * @param request the request to rewrite in place
     */
    void apply(OutboundRequest request);
}
