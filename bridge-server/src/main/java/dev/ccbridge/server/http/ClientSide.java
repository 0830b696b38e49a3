package dev.ccbridge.server.http;

import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.AnthropicJson;
import dev.ccbridge.server.recording.ExchangeTap;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client's side of one exchange: sends the response (an Anthropic error envelope, a JSON message, or an SSE
 * stream) with the {@code request-id} header, masks secrets in error messages, and shows the recording what went
 * out.
 */
final class ClientSide {

    static final HeaderName REQUEST_ID = HeaderNames.create("request-id");
    /** What the exchange log says of a client that left before its answer (nginx's 499). */
    static final AnthropicError CLIENT_GONE = new AnthropicError(499, "api_error",
            "the client went away before its answer was ready; the upstream request was cancelled");
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final ServerResponse res;
    private final String requestId;
    private final Secrets secrets;
    private final ExchangeTap tap;
    private boolean sent;

    ClientSide(ServerResponse res, String requestId, Secrets secrets, ExchangeTap tap) {
        this.res = res;
        this.requestId = requestId;
        this.secrets = secrets;
        this.tap = tap;
    }

    /**
     * @return whether a response (or the head of a stream) went out
     */
    boolean sent() {
        return sent;
    }

    /**
     * @param error an error; its message is masked
     */
    void sendError(AnthropicError error) {
        sendError(error, Map.of());
    }

    /**
     * @param error an error; its message is masked
     * @param extra more headers, e.g. {@code allow}
     */
    void sendError(AnthropicError error, Map<String, String> extra) {
        AnthropicError masked = masked(error);
        Map<String, String> headers = new LinkedHashMap<>(extra);
        if (masked.retryAfter() != null) {
            headers.put("retry-after", masked.retryAfter());
        }
        send(masked.status(), JSON, headers, AnthropicJson.error(masked, requestId));
    }

    /**
     * @param status  the status
     * @param body    a JSON body
     * @param headers extra headers
     */
    void sendJson(int status, byte[] body, Map<String, String> headers) {
        send(status, JSON, headers, body);
    }

    /**
     * Commits a 200 SSE response.
     *
     * @param headers extra headers
     * @return the body stream; closing it ends the response
     */
    OutputStream openStream(Map<String, String> headers) {
        Map<String, String> all = head(EVENT_STREAM, headers);
        all.put("cache-control", "no-cache");
        apply(200, all);
        OutputStream body = res.outputStream();
        OutputStream copy = tap.clientBody();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                body.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                body.write(bytes, offset, length);
                copy.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                body.flush();
            }

            @Override
            public void close() throws IOException {
                body.close();
            }
        };
    }

    /**
     * Ends an exchange whose client went away before anything was sent: Helidon needs a response, and
     * {@code Connection: close} has it close the socket rather than wait for another request on it.
     */
    void abandon() {
        if (sent) {
            return;
        }
        try {
            res.header(HeaderValues.CONNECTION_CLOSE);
            sendError(CLIENT_GONE);
        } catch (RuntimeException e) {
            // the client is gone: there is no one to tell
        }
    }

    /**
     * @param e what a write to the client threw
     * @return whether it says the client went away
     */
    static boolean isClientGone(RuntimeException e) {
        return e instanceof ServerConnectionException || e instanceof UncheckedIOException;
    }

    /**
     * @param error an error
     * @return the error with every known secret masked in its message
     */
    AnthropicError masked(AnthropicError error) {
        String message = secrets.mask(error.message());
        return message.equals(error.message()) ? error
                : new AnthropicError(error.status(), error.type(), message, error.retryAfter());
    }

    private void send(int status, String contentType, Map<String, String> headers, byte[] body) {
        apply(status, head(contentType, headers));
        res.send(body);
        try {
            tap.clientBody().write(body);
        } catch (IOException e) {
            throw new IllegalStateException("the recording buffer failed", e);
        }
    }

    private Map<String, String> head(String contentType, Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("content-type", contentType);
        all.put("request-id", requestId);
        extra.forEach((name, value) -> all.put(name.toLowerCase(Locale.ROOT), secrets.mask(value)));
        return all;
    }

    private void apply(int status, Map<String, String> headers) {
        sent = true;
        res.status(Status.create(status));
        Map<String, List<String>> recorded = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            res.header(HeaderNames.create(name), value);
            recorded.put(name, List.of(value));
        });
        tap.clientResponse(status, recorded);
    }
}
