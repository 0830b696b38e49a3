package dev.ccbridge.server.upstream;

import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.server.json.JsonBytes;
import dev.ccbridge.server.json.RawStrings;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;


import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Sends chat/completions requests to one upstream over a pooled, keep-alive HTTP client shared by all its requests
 * (no per-request client or TLS setup). Redirects are not followed: the upstream URL comes from configuration
 * only. The client is Helidon's HTTP/1.1 one, the only protocol the bridge ships: the generic client would look up
 * which protocol each request's endpoint speaks, in a cache keyed by URI, TLS and proxy settings, every time.
 *
 * <p>Two timeouts apply to reading: the response head must arrive within the first-byte timeout, and once it has,
 * any one read may wait as long as the longer of the two timeouts, because the socket's read timeout cannot change
 * mid-response and the relays enforce the silence limits of a started response themselves. A socket timeout of
 * just the first-byte timeout would cut off a stream that pauses longer than that between chunks, however long
 * its idle timeout.
 */
public final class UpstreamClient {

    private final Http1Client client;
    private final Duration connectTimeout;
    private final Duration firstByteTimeout;
    private final Duration readTimeout;

    /**
     * @param connectTimeout   how long connecting may take
     * @param firstByteTimeout how long the response head may take: the first byte of a reasoning model can take
     *                         minutes
     * @param idleTimeout      how long a started response may stay silent
     * @param poolSize         idle connections kept per upstream
     */
    public UpstreamClient(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, int poolSize) {
        this.connectTimeout = connectTimeout;
        this.firstByteTimeout = firstByteTimeout;
        this.readTimeout = firstByteTimeout.compareTo(idleTimeout) >= 0 ? firstByteTimeout : idleTimeout;
        this.client = Http1Client.builder()
                // The request goes out in a few writes; none of them should wait for the upstream's delayed ACK.
                .socketOptions(SocketOptions.builder().tcpNoDelay(true).build())
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
     * @param request the prepared request
     * @return every header {@link #send} puts on it, in order: content type, accept, then the adapter's
     */
    public static Map<String, String> sentHeaders(OutboundRequest request) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers().size() + 4);
        headers.put("content-type", "application/json");
        headers.put("accept", request.stream() ? "text/event-stream" : "application/json");
        headers.putAll(request.headers());
        return headers;
    }

    /**
     * Sends a request and returns once the upstream's status line and headers have arrived.
     *
     * <p>The wait for the head is bounded by the first-byte timeout and ended by a cancellation, both through the
     * {@link Watchdog}, which interrupts the waiting thread and so closes its blocked socket.
     *
     * @param request      the prepared request
     * @param body         its body, serialised by {@link #serialise(OutboundRequest, int, RawStrings)}
     * @param cancellation ends the wait and closes the connection when the exchange is abandoned
     * @return the response, to be closed by the caller
     * @throws UncheckedIOException with a {@link SocketTimeoutException} when the head did not arrive in time
     * @throws CancellationException when the exchange was cancelled first
     */
    public HttpClientResponse send(OutboundRequest request, byte[] body, Cancellation cancellation) {
        Http1ClientRequest call = client.post()
                .uri(request.uri())
                .readTimeout(readTimeout);
        sentHeaders(request).forEach((name, value) -> call.header(HeaderNames.create(name), value));
        long deadline = System.nanoTime() + firstByteTimeout.toNanos();
        try (Guard guard = Watchdog.shared().guard(() -> deadline, () -> new UncheckedIOException(
                new SocketTimeoutException("no response within the first-byte timeout of "
                        + firstByteTimeout.toMillis() + " ms")), cancellation)) {
            HttpClientResponse response;
            try {
                response = call.submit(body);
            } catch (RuntimeException e) {
                throw guard.failed(e);
            }
            guard.succeeded(response::close);
            return response;
        }
    }

    /**
     * A GET to the upstream, e.g. its model catalog.
     *
     * @param uri     the URL
     * @param headers headers such as the adapter's authentication
     * @param timeout how long the answer may take
     * @return the response, to be closed by the caller
     */
    public HttpClientResponse get(java.net.URI uri, Map<String, String> headers, Duration timeout) {
        Http1ClientRequest call = client.get().uri(uri).readTimeout(timeout)
                .header(HeaderNames.ACCEPT, "application/json");
        headers.forEach((name, value) -> call.header(HeaderNames.create(name), value));
        return call.request();
    }

    /**
     * @param request    a request
     * @param sizeHint   its expected size in bytes, e.g. the size of the client request it was translated from
     * @param rawStrings the long strings of the client request, which its body mostly repeats; or {@code null}
     * @return its body as UTF-8 JSON bytes
     */
    public static byte[] serialise(OutboundRequest request, int sizeHint, RawStrings rawStrings) {
        return JsonBytes.write(request.body(), sizeHint, rawStrings);
    }
}
