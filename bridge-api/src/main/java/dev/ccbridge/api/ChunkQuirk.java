package dev.ccbridge.api;

import jakarta.json.JsonObject;

/**
 * A named repair for one way an upstream deviates from the OpenAI chat/completions wire format, applied to each
 * streamed event (and to non-streamed responses) before the engine translates it. A quirk should have a narrow
 * gate: it changes only events that show the deviation it exists for, and passes everything else unchanged.
 */
public interface ChunkQuirk {

    /**
     * @return a short name for logs, e.g. {@code tool-calls-without-index}
     */
    String name();

    /**
     * Starts a stream. Quirks that must remember earlier chunks keep that state in the returned rewriter, so one
     * quirk instance serves concurrent streams.
     *
     * @return a rewriter for one stream
     */
    Rewriter open();

    /**
     * Repairs a non-streamed chat completion.
     *
     * @param completion the response body
     * @return the repaired body, or the same one
     */
    default JsonObject rewriteCompletion(JsonObject completion) {
        return completion;
    }

    /** Rewrites the events of one stream, in order. */
    @FunctionalInterface
    interface Rewriter {
        /**
         * @param event an upstream event
         * @return the event to pass on (the same one, or a replacement), or {@code null} to drop it
         */
        UpstreamEvent rewrite(UpstreamEvent event);
    }
}
