package dev.ccbridge.server.upstream;

import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.server.json.JsonFactories;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import jakarta.json.JsonWriter;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

/**
 * Sends chat/completions requests to one upstream over a pooled, keep-alive HTTP client shared by all its requests
 * (no per-request client or TLS setup). Redirects are not followed: the upstream URL comes from configuration
 * only.
 */
public final class UpstreamClient {

    private final WebClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param connectTimeout how long connecting may take
     * @param readTimeout    how long any one read may wait: the first byte of a reasoning model can take minutes
     * @param poolSize       idle connections kept per upstream
     */
    public UpstreamClient(Duration connectTimeout, Duration readTimeout, int poolSize) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.client = WebClient.builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .keepAlive(true)
                .followRedirects(false)
                .shareConnectionCache(false)
                .connectionCacheSize(poolSize)
                .build();
    }

    /**
     * @return how long connecting may take
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Sends a request and returns once the upstream's status line and headers have arrived.
     *
     * @param request the prepared request
     * @param body    its body, serialised by {@link #serialise(OutboundRequest)}
     * @return the response, to be closed by the caller
     */
    public HttpClientResponse send(OutboundRequest request, byte[] body) {
        HttpClientRequest call = client.post()
                .uri(request.uri())
                .readTimeout(readTimeout)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .header(HeaderNames.ACCEPT, request.stream() ? "text/event-stream" : "application/json");
        request.headers().forEach((name, value) -> call.header(HeaderNames.create(name), value));
        return call.submit(body);
    }

    /**
     * A GET to the upstream, e.g. its model catalog.
     *
     * @param uri     the URL
     * @param headers headers such as the adapter's authentication
     * @param timeout how long the answer may take
     * @return the response, to be closed by the caller
     */
    public HttpClientResponse get(java.net.URI uri, java.util.Map<String, String> headers, Duration timeout) {
        HttpClientRequest call = client.get().uri(uri).readTimeout(timeout)
                .header(HeaderNames.ACCEPT, "application/json");
        headers.forEach((name, value) -> call.header(HeaderNames.create(name), value));
        return call.request();
    }

    /**
     * @param request a request
     * @return its body as UTF-8 JSON bytes
     */
    public static byte[] serialise(OutboundRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonWriter writer = JsonFactories.WRITERS.createWriter(out)) {
            writer.writeObject(request.body());
        }
        return out.toByteArray();
    }
}
