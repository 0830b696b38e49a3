package dev.ccbridge.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One configured OpenAI-compatible upstream. Created by {@link UpstreamAdapterFactory#create}; shared by all
 * requests, so implementations must be thread-safe (per-exchange state belongs in {@link #observe()} and
 * {@link ChunkQuirk.Rewriter}s). The bridge does the HTTP; the adapter decides what goes on the wire.
 */
public interface UpstreamAdapter {

    /**
     * @param model the upstream model of the request
     * @return the chat/completions URL for that model
     */
    URI chatCompletionsUri(String model);

    /**
     * @param model an upstream model
     * @return what that model accepts
     */
    Capabilities capabilities(String model);

    /**
     * Finishes a translated request: sets authentication and any extra headers, adds vendor fields to the body or
     * rewrites what the upstream would reject. Called once per upstream attempt.
     *
     * @param request the request on its way upstream
     * @throws UpstreamRejection to refuse the request without sending it
     */
    void prepare(OutboundRequest request);

    /**
     * The authentication headers for any call to this upstream (chat completions, the model catalog, health
     * checks).
     *
     * @param callerKey the key the client presented, or {@code null}; used only when the adapter has no key of its
     *                  own
     * @return header names and values; empty when the upstream needs none
     */
    default Map<String, String> authHeaders(String callerKey) {
        return Map.of();
    }

    /**
     * @return where this upstream lists its models, if it does
     */
    default Optional<ModelCatalog> modelCatalog() {
        return Optional.empty();
    }

    /**
     * @param model an upstream model
     * @return the repairs this upstream's stream needs, in the order they apply; empty by default
     */
    default List<ChunkQuirk> chunkQuirks(String model) {
        return List.of();
    }

    /**
     * @return a fresh observer for one exchange
     */
    default ExchangeObserver observe() {
        return ExchangeObserver.NONE;
    }

    /**
     * Reads an upstream error for a clearer message than the generic one, e.g. "JoyToken wallet exhausted: top up
     * in the console". Return empty to let the engine classify it by status and body.
     *
     * @param status  the upstream's HTTP status (or 200 for an error inside a stream)
     * @param headers the upstream's response headers, names in lower case
     * @param body    the error body as received
     * @return the failure, or empty
     */
    default Optional<UpstreamFailure> classifyError(int status, Map<String, List<String>> headers, String body) {
        return Optional.empty();
    }

    /**
     * A short description of where this adapter points, for the startup summary (never including secrets).
     *
     * @return e.g. {@code https://api.example.com/v1 (profile deepseek)}
     */
    default String describe() {
        return chatCompletionsUri("").toString();
    }
}
