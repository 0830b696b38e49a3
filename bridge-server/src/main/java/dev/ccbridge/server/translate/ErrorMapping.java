package dev.ccbridge.server.translate;

import dev.ccbridge.api.FailureKind;
import dev.ccbridge.server.anthropic.AnthropicError;

import java.util.List;
import java.util.Map;

/**
 * The table from upstream failures to Anthropic errors. The type decides what Claude Code does next:
 * {@code overloaded_error} (503/529) gets three attempts and then {@code --fallback-model};
 * {@code rate_limit_error} honours {@code retry-after}; {@code api_error} and connection failures get ten backoff
 * retries; {@code authentication_error} (401) is retried like a 5xx; {@code permission_error} (403) stops at
 * once; {@code invalid_request_error} is not retried.
 */
public final class ErrorMapping {

    private ErrorMapping() {
    }

    /**
     * @param status an upstream HTTP status
     * @return the Anthropic error type for it
     */
    public static String typeForStatus(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 408, 504 -> "timeout_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 || status < 400 ? "api_error" : "invalid_request_error";
        };
    }

    /**
     * @param status an upstream HTTP status
     * @return the status to give the client: the upstream's own, or 500 for one outside the error range
     */
    public static int clientStatus(int status) {
        return status >= 400 && status <= 599 ? status : 500;
    }

    /**
     * @param kind    a failure kind
     * @param message the message
     * @return the Anthropic error
     */
    public static AnthropicError of(FailureKind kind, String message) {
        return switch (kind) {
            case INVALID_REQUEST, CONTEXT_OVERFLOW -> new AnthropicError(400, "invalid_request_error", message);
            case AUTHENTICATION -> new AnthropicError(401, "authentication_error", message);
            case BILLING -> new AnthropicError(402, "billing_error", message);
            case PERMISSION -> new AnthropicError(403, "permission_error", message);
            case NOT_FOUND -> new AnthropicError(404, "not_found_error", message);
            case REQUEST_TOO_LARGE -> new AnthropicError(413, "request_too_large", message);
            case RATE_LIMITED -> new AnthropicError(429, "rate_limit_error", message);
            case OVERLOADED -> new AnthropicError(529, "overloaded_error", message);
            case TIMEOUT -> new AnthropicError(504, "timeout_error", message);
            case SERVER_ERROR -> new AnthropicError(500, "api_error", message);
        };
    }

    /**
     * In-band errors carry no HTTP status, only words: fragments of their type and code, first match wins, and
     * the status each stands for. OpenAI says {@code rate_limit_exceeded} in {@code code} under a {@code type} of
     * {@code tokens} or {@code requests}; Gemini says {@code RESOURCE_EXHAUSTED}, {@code UNAVAILABLE},
     * {@code DEADLINE_EXCEEDED} in {@code status}.
     */
    private static final List<Map.Entry<String, Integer>> IN_BAND_STATUS = List.of(
            Map.entry("rate_limit", 429),
            Map.entry("resource_exhausted", 429),
            Map.entry("insufficient_quota", 402),
            Map.entry("billing", 402),
            Map.entry("overloaded", 529),
            Map.entry("unavailable", 529),
            Map.entry("timeout", 504),
            Map.entry("deadline", 504),
            Map.entry("authentication", 401),
            Map.entry("unauthenticated", 401),
            Map.entry("invalid_api_key", 401),
            Map.entry("permission", 403),
            Map.entry("not_found", 404),
            Map.entry("context_length", 400),
            Map.entry("invalid_request", 400),
            Map.entry("invalid_argument", 400));

    /**
     * Classifies an error object that arrived inside a 200 stream or body: by its numeric code when that is an
     * HTTP status (OpenRouter, llama.cpp, Gemini), else by the words of its type and code; {@code api_error}
     * when nothing is known.
     *
     * @param upstream the upstream's name, for the message
     * @param error    the parsed error
     * @return the Anthropic error
     */
    public static AnthropicError inBand(String upstream, UpstreamErrorBody error) {
        int status = 500;
        if (error.code() >= 400 && error.code() <= 599) {
            status = error.code();
        } else {
            String kind = error.kind();
            for (Map.Entry<String, Integer> entry : IN_BAND_STATUS) {
                if (kind.contains(entry.getKey())) {
                    status = entry.getValue();
                    break;
                }
            }
        }
        return new AnthropicError(status, typeForStatus(status), "upstream '" + upstream + "': " + error.message());
    }
}
