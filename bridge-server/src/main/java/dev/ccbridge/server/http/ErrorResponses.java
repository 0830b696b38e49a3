package dev.ccbridge.server.http;

import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.AnthropicJson;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Sends Anthropic error envelopes, never a plain-text or HTML error. */
final class ErrorResponses {

    static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("request-id");

    private ErrorResponses() {
    }

    static void send(ServerResponse res, AnthropicError error, String requestId, Secrets secrets) {
        send(res, masked(error, secrets), requestId);
    }

    static AnthropicError masked(AnthropicError error, Secrets secrets) {
        String message = secrets.mask(error.message());
        return message.equals(error.message()) ? error
                : new AnthropicError(error.status(), error.type(), message, error.retryAfter());
    }

    private static void send(ServerResponse res, AnthropicError error, String requestId) {
        res.status(Status.create(error.status()));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        if (requestId != null) {
            res.header(REQUEST_ID, requestId);
        }
        if (error.retryAfter() != null) {
            res.header(HeaderNames.RETRY_AFTER, error.retryAfter());
        }
        res.send(AnthropicJson.error(error, requestId));
    }
}
