package dev.ccbridge.server.anthropic;

/**
 * An Anthropic error: HTTP status, {@code error.type} and a message that says what to do.
 *
 * @param status     the HTTP status
 * @param type       the error type, e.g. {@code rate_limit_error}
 * @param message    the message
 * @param retryAfter the {@code retry-after} value to pass on, or {@code null}
 */
public record AnthropicError(int status, String type, String message, String retryAfter) {

    /**
     * @param status  the HTTP status
     * @param type    the error type
     * @param message the message
     */
    public AnthropicError(int status, String type, String message) {
        this(status, type, message, null);
    }

    /**
     * @param message what is wrong with the request
     * @return a 400 {@code invalid_request_error}
     */
    public static AnthropicError invalidRequest(String message) {
        return new AnthropicError(400, "invalid_request_error", message);
    }
}
