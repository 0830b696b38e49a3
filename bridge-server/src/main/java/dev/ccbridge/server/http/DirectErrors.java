package dev.ccbridge.server.http;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.AnthropicJson;
import dev.ccbridge.server.translate.ErrorMapping;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Errors Helidon answers before any route runs (a request line or headers it cannot read or that are larger than
 * {@code server.protocols.http_1_1.max-headers-size}, a bad chunk size, too many concurrent requests) and failures
 * that escape a route, written as Anthropic error envelopes. Helidon's own answer is a bare status with an empty or
 * plain-text body. Helidon does not say which limit a request broke, only the status, so the message names the
 * likely causes.
 */
public final class DirectErrors {

    private DirectErrors() {
    }

    /**
     * @param bridge the assembled bridge, for request ids
     * @return the handlers for every kind of event
     */
    public static DirectHandlers handlers(Bridge bridge) {
        DirectHandler handler = (request, eventType, status, headers, message) -> {
            AnthropicError error = new AnthropicError(status.code(), ErrorMapping.typeForStatus(status.code()),
                    describe(status.code()));
            String requestId = bridge.ids().next("req_");
            headers.set(HeaderValues.CONTENT_TYPE_JSON);
            headers.set(ClientSide.REQUEST_ID, requestId);
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .entity(AnthropicJson.error(error, requestId))
                    .build();
        };
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, handler);
        }
        return handlers.build();
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "the bridge could not read this HTTP request: a malformed request line, header or chunked "
                    + "body, or headers larger than the server allows (server.protocols.http_1_1.max-headers-size, "
                    + "16384 bytes unless configured)";
            case 413 -> "the request body is larger than the server allows";
            case 503 -> "the bridge is handling as many requests as it allows; retry shortly";
            case 505 -> "the bridge speaks HTTP/1.1";
            default -> "the bridge failed to handle this request; see its log";
        };
    }
}
