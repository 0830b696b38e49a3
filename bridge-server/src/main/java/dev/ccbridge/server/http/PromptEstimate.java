package dev.ccbridge.server.http;

import dev.ccbridge.server.json.RawStrings;
import dev.ccbridge.server.tokens.TokenEstimate;

import jakarta.json.JsonObject;

/**
 * The local count of a translated prompt, made the first time it is asked for: a stream needs it for its
 * {@code message_start}, but a non-streamed answer carries the upstream's own count and needs it only when that is
 * missing or the upstream refused the prompt as too long. The translated request and the client's bytes are let go
 * once counted.
 */
final class PromptEstimate {

    private JsonObject request;
    private RawStrings source;
    private int tokens = -1;

    /**
     * @param request the translated (OpenAI-shaped) request
     * @param source  the long strings of the client request it was translated from, whose bytes key the counts of
     *                the tool schemas
     */
    PromptEstimate(JsonObject request, RawStrings source) {
        this.request = request;
        this.source = source;
    }

    /** @return about the tokens of the prompt */
    synchronized int tokens() {
        if (tokens < 0) {
            tokens = TokenEstimate.countRequest(request, source);
            request = null;
            source = null;
        }
        return tokens;
    }
}
