package dev.ccbridge.api;

import jakarta.json.JsonObject;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One chat/completions request on its way upstream, handed to {@link UpstreamAdapter#prepare(OutboundRequest)}
 * after translation. The adapter sets authentication and any extra headers, and may replace the body (to add
 * vendor fields or rewrite what its upstream rejects).
 */
public final class OutboundRequest {

    private JsonObject body;
    private URI uri;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final String requestId;
    private final String callerKey;
    private final Map<String, String> routeOptions;

    /**
     * @param uri          where the request goes, from {@link UpstreamAdapter#chatCompletionsUri(String)}
     * @param body         the translated OpenAI chat/completions request
     * @param requestId    the bridge's id for this exchange (the client's {@code x-request-id} when it sent a
     *                     safe one); adapters forward it to upstreams that trace requests
     * @param callerKey    the key the client presented, or {@code null}; forwarded upstream only when the adapter
     *                     has no key of its own
     * @param routeOptions options of the route that chose this upstream, e.g. {@code tier}
     */
    public OutboundRequest(URI uri, JsonObject body, String requestId, String callerKey,
                           Map<String, String> routeOptions) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.body = Objects.requireNonNull(body, "body");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.callerKey = callerKey;
        this.routeOptions = Map.copyOf(routeOptions);
    }

    /**
     * @return the request body
     */
    public JsonObject body() {
        return body;
    }

    /**
     * @param replacement the new request body
     */
    public void body(JsonObject replacement) {
        this.body = Objects.requireNonNull(replacement, "body");
    }

    /**
     * @return the target URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * @param target the new target URI; must stay on the configured upstream
     */
    public void uri(URI target) {
        this.uri = Objects.requireNonNull(target, "uri");
    }

    /**
     * @return the request headers to send, case-insensitive and mutable
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * @return the upstream model named in the body
     */
    public String model() {
        return body.getString("model", "");
    }

    /**
     * @return whether the body asks for a stream
     */
    public boolean stream() {
        return body.getBoolean("stream", false);
    }

    /**
     * @return the bridge's id for this exchange
     */
    public String requestId() {
        return requestId;
    }

    /**
     * @return the key the client presented, if any
     */
    public Optional<String> callerKey() {
        return Optional.ofNullable(callerKey);
    }

    /**
     * @return options of the route that chose this upstream
     */
    public Map<String, String> routeOptions() {
        return routeOptions;
    }
}
