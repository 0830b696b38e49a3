package dev.ccbridge.api;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Watches one upstream exchange for what the adapter reports besides the completion: governance headers, billing
 * metadata, the model that really answered. The engine calls it on the request thread, in order.
 */
public interface ExchangeObserver {

    /** An observer that reports nothing. */
    ExchangeObserver NONE = new ExchangeObserver() {
    };

    /**
     * @param status  the upstream's HTTP status
     * @param headers the upstream's response headers, names in lower case
     */
    default void onResponseHeaders(int status, Map<String, List<String>> headers) {
    }

    /**
     * @param chunk a streamed chunk, after quirks
     */
    default void onChunk(JsonObject chunk) {
    }

    /**
     * @param completion a non-streamed response body, after quirks
     */
    default void onCompletion(JsonObject completion) {
    }

    /**
     * Headers to add to the client's response, e.g. {@code x-joytoken-used-model}. Read once, after
     * {@link #onResponseHeaders(int, Map)} and before the response is committed.
     *
     * @return header names and values
     */
    default Map<String, String> clientHeaders() {
        return Map.of();
    }

    /**
     * What to write on the exchange's log line and usage record, read once at the end of the exchange. Well-known
     * keys: {@code used_model}, {@code used_provider}, {@code tier}, {@code credits}, {@code cost},
     * {@code upstream_request_id}.
     *
     * @return report keys and values
     */
    default Map<String, String> report() {
        return Map.of();
    }
}
