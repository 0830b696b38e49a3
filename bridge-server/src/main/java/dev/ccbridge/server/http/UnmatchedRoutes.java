package dev.ccbridge.server.http;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.recording.ExchangeTap;

import io.helidon.common.Weighted;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/**
 * Requests no route takes get an Anthropic error envelope rather than Helidon's plain text: a path the bridge serves
 * with another method gets 405 {@code invalid_request_error} with {@code Allow} (each service adds
 * {@link #methodNotAllowed} after its own routes), any other path 404 {@code not_found_error}.
 *
 * <p>The 404 is a catch-all, so it must be matched last. Helidon orders routing features by weight, heaviest
 * first: the application's own routes weigh 100 and the observe endpoints ({@code /observe/health}) 80, so this
 * feature weighs less than both.
 */
public final class UnmatchedRoutes implements HttpFeature, Weighted {

    private static final double WEIGHT = 1;
    private static final String SERVED = "the bridge serves POST /v1/messages, POST /v1/messages/count_tokens, "
            + "GET /v1/models, GET /v1/usage, GET /health, GET /observe/health and GET /observe/metrics";

    private final Bridge bridge;

    /**
     * @param bridge the assembled bridge
     */
    public UnmatchedRoutes(Bridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void setup(HttpRouting.Builder routing) {
        routing.any((req, res) -> send(bridge, req, res, new AnthropicError(404, "not_found_error",
                "no route for " + req.prologue().method().text() + " " + req.path().rawPath() + "; " + SERVED),
                Map.of()));
    }

    @Override
    public double weight() {
        return WEIGHT;
    }

    /**
     * @param bridge  the assembled bridge
     * @param allowed the methods the path is served with, e.g. {@code POST}
     * @return a handler answering 405 for any other method
     */
    static Handler methodNotAllowed(Bridge bridge, String allowed) {
        return (req, res) -> send(bridge, req, res, new AnthropicError(405, "invalid_request_error",
                req.prologue().method().text() + " is not allowed on " + req.path().rawPath() + "; use " + allowed),
                Map.of("allow", allowed));
    }

    private static void send(Bridge bridge, ServerRequest req, ServerResponse res, AnthropicError error,
                             Map<String, String> headers) {
        new ClientSide(res, RequestIds.of(req.headers(), bridge.ids()), bridge.secrets(), ExchangeTap.NONE)
                .sendError(error, headers);
    }
}
