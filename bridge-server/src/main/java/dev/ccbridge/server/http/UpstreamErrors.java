package dev.ccbridge.server.http;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.UpstreamFailure;
import dev.ccbridge.server.Durations;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.translate.ContextOverflow;
import dev.ccbridge.server.translate.ErrorMapping;
import dev.ccbridge.server.translate.UpstreamErrorBody;
import dev.ccbridge.server.upstream.ConfiguredUpstream;

import io.helidon.common.buffers.DataReader;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.EOFException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLException;

/**
 * Turns what went wrong upstream into the Anthropic error the client should see: the adapter's own reading
 * first, then context overflow in the wording Claude Code compacts on, then the status table. Messages name the
 * upstream, so a user with several knows which one failed.
 */
final class UpstreamErrors {

    private static final System.Logger LOG = System.getLogger("ccbridge.upstream");
    /** What the JDK's socket says when a connect runs out of time; a read timeout says "Read timed out". */
    private static final String CONNECT_TIMED_OUT = "Connect timed out";

    private UpstreamErrors() {
    }

    /**
     * @param upstream      the upstream that answered
     * @param status        its HTTP status
     * @param headers       its response headers, lower-case names
     * @param body          its error body
     * @param capabilities  the model's capabilities
     * @param localEstimate the bridge's count of the prompt
     * @return the error for the client
     */
    static AnthropicError fromResponse(ConfiguredUpstream upstream, int status, Map<String, List<String>> headers,
                                       String body, Capabilities capabilities, int localEstimate) {
        String retryAfter = first(headers, "retry-after");
        Optional<UpstreamFailure> classified = upstream.adapter().classifyError(status, headers, body);
        if (classified.isPresent()) {
            AnthropicError mapped = ErrorMapping.of(classified.get().kind(), classified.get().message());
            return withRetryAfter(mapped, retryAfter);
        }
        UpstreamErrorBody parsed = UpstreamErrorBody.parse(body);
        if (status == 400 || status == 413 || status == 422 || status == 500) {
            int[] numbers = structuredOverflowNumbers(body);
            Optional<AnthropicError> overflow = ContextOverflow.detect(parsed.message(), parsed.kind(), numbers[0],
                    numbers[1], localEstimate, capabilities.contextWindow());
            if (overflow.isPresent()) {
                return overflow.get();
            }
        }
        // The type follows the status the client sees, so a 3xx that becomes a 500 is an api_error.
        int clientStatus = ErrorMapping.clientStatus(status);
        String message = "upstream '" + upstream.name() + "' answered " + status + ": " + parsed.message()
                + hint(status, first(headers, "location"));
        return new AnthropicError(clientStatus, ErrorMapping.typeForStatus(clientStatus), message, retryAfter);
    }

    /**
     * An error object inside a 200 stream or body: an overflow in the wording Claude Code compacts on, else
     * classified by its code and type.
     *
     * @param upstream      the upstream
     * @param error         the error object (or the envelope holding it)
     * @param capabilities  the model's capabilities
     * @param localEstimate the bridge's count of the prompt
     * @return the error for the client
     */
    static AnthropicError fromInBand(ConfiguredUpstream upstream, JsonObject error, Capabilities capabilities,
                                     int localEstimate) {
        UpstreamErrorBody parsed = UpstreamErrorBody.fromObject(error);
        JsonObject inner = error.get("error") instanceof JsonObject e ? e : error;
        return ContextOverflow.detect(parsed.message(), parsed.kind(), number(inner, "n_prompt_tokens"),
                        number(inner, "n_ctx"), localEstimate, capabilities.contextWindow())
                .orElseGet(() -> ErrorMapping.inBand(upstream.name(), parsed));
    }

    /**
     * @param upstream the upstream
     * @return the error for a request that found every connection to the upstream in use
     */
    static AnthropicError saturated(ConfiguredUpstream upstream) {
        return new AnthropicError(529, "overloaded_error", "every connection the bridge allows to upstream '"
                + upstream.name() + "' is in use; retry shortly, or raise the upstream's max-connections "
                + "(bridge.upstreams[].max-connections)");
    }

    /**
     * @param upstream the upstream
     * @param started  whether it had sent its first chunk
     * @return the error for an upstream that went silent: before its first chunk for longer than its first-byte
     *         timeout, or between chunks for longer than its idle timeout
     */
    static AnthropicError silent(ConfiguredUpstream upstream, boolean started) {
        return new AnthropicError(504, "timeout_error", "upstream '" + upstream.name() + "' sent nothing for "
                + (started ? Durations.words(upstream.idleTimeout()) + " between chunks; raise its idle-timeout"
                        : Durations.words(upstream.firstByteTimeout()) + " before its first chunk; raise its "
                                + "first-byte-timeout")
                + " (UPSTREAM_TIMEOUT_SECONDS sets both) if the model is slow");
    }

    /**
     * @param upstream the upstream
     * @param what     what it did
     * @return the error for a stream that ended before any content
     */
    static AnthropicError empty(ConfiguredUpstream upstream, String what) {
        return new AnthropicError(502, "api_error", "upstream '" + upstream.name() + "' " + what
                + "; the model gave no answer: retry, and if it keeps happening check the upstream's status and "
                + "the model the bridge asks it for (MODEL_MAP_JSON, DEFAULT_UPSTREAM_MODEL)");
    }

    /**
     * @param upstream the upstream
     * @param problem  why the chunk could not be read
     * @return the error for a chunk that is not JSON
     */
    static AnthropicError malformed(ConfiguredUpstream upstream, String problem) {
        return new AnthropicError(502, "api_error", "upstream '" + upstream.name()
                + "' sent a chunk that is not JSON: " + problem + "; check that its base URL is an OpenAI-compatible "
                + "API (UPSTREAM_BASE_URL, JOY_TOKEN_OPENAI_BASE_URL or bridge.upstreams[].settings.base-url), or "
                + "choose the profile that repairs its stream (UPSTREAM_PROFILE, settings.profile)");
    }

    /**
     * @param upstream the upstream
     * @param failure  what the client threw while connecting or reading
     * @return the error for the client
     */
    static AnthropicError fromException(ConfiguredUpstream upstream, Throwable failure) {
        Throwable cause = rootCause(failure);
        LOG.log(System.Logger.Level.DEBUG, () -> "upstream '" + upstream.name() + "' failed", failure);
        String where = "upstream '" + upstream.name() + "' (" + upstream.adapter().describe() + ")";
        if (cause instanceof SocketTimeoutException && CONNECT_TIMED_OUT.equals(cause.getMessage())) {
            return new AnthropicError(504, "timeout_error", "cannot reach " + where + ": connecting took longer "
                    + "than " + Durations.words(upstream.client().connectTimeout()) + "; check its base URL and that "
                    + "it is reachable, or raise its connect-timeout");
        }
        if (cause instanceof SocketTimeoutException) {
            return new AnthropicError(504, "timeout_error", where + " did not answer in time: " + cause.getMessage()
                    + "; if the model is slow, raise the upstream's first-byte-timeout and idle-timeout "
                    + "(UPSTREAM_TIMEOUT_SECONDS sets both)");
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return new AnthropicError(502, "api_error", "cannot reach " + where + ": " + describe(cause)
                    + "; check its base URL and that it is running");
        }
        return new AnthropicError(502, "api_error", "the connection to " + where + " failed: " + describe(cause)
                + "; check its base URL, and any proxy or TLS inspection between the bridge and the upstream");
    }

    /**
     * Says what went wrong in words: these messages reach Claude Code's user, who has no use for a Java class
     * name (the debug log keeps the exception).
     */
    private static String describe(Throwable cause) {
        return switch (cause) {
            case UnknownHostException e -> "unknown host " + e.getMessage();
            case ConnectException e -> "connection refused";
            case DataReader.InsufficientDataAvailableException e ->
                    "the upstream closed the connection in the middle of its response";
            case EOFException e -> "the upstream closed the connection in the middle of its response";
            case SocketException e when e.getMessage() != null -> "the network connection failed ("
                    + e.getMessage().toLowerCase(Locale.ROOT) + ")";
            case SSLException e -> "TLS failed" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
            default -> "the upstream's response could not be read";
        };
    }

    private static String hint(int status, String location) {
        if (status >= 300 && status < 400) {
            return " (redirects are not followed: the upstream points to " + (location == null ? "another URL"
                    : location) + "; set the upstream's base URL to that address, e.g. https instead of http)";
        }
        return switch (status) {
            case 401 -> " (the upstream rejected the key: check the upstream's api-key setting, e.g. "
                    + "UPSTREAM_API_KEY or JOY_TOKEN_API_KEY, or the key Claude Code sends when the bridge "
                    + "forwards it)";
            case 402 -> " (the upstream's account or key is out of credit: top it up, or raise the key's budget "
                    + "at the upstream)";
            case 403 -> " (the upstream refused this key: check its permissions, budget or IP allowlist at the "
                    + "upstream, and the upstream's api-key setting, e.g. UPSTREAM_API_KEY or JOY_TOKEN_API_KEY)";
            case 404 -> " (check the model mapping: MODEL_MAP_JSON, DEFAULT_UPSTREAM_MODEL)";
            case 500, 502, 503, 504 -> " (the upstream failed; a route in bridge.routes can name a second "
                    + "upstream for the bridge to fall back to)";
            default -> "";
        };
    }

    /** llama.cpp reports {@code n_prompt_tokens} and {@code n_ctx} in its overflow error. */
    private static int[] structuredOverflowNumbers(String body) {
        if (body == null || !body.strip().startsWith("{")) {
            return new int[] {0, 0};
        }
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(body))) {
            JsonObject root = reader.readObject();
            JsonObject error = root.get("error") instanceof JsonObject e ? e : root;
            return new int[] {number(error, "n_prompt_tokens"), number(error, "n_ctx")};
        } catch (RuntimeException e) {
            // not JSON, not an object, or nested deeper than Parsson's limit (a bare RuntimeException)
            return new int[] {0, 0};
        }
    }

    private static int number(JsonObject object, String field) {
        return object.get(field) instanceof JsonNumber n ? n.intValue() : 0;
    }

    private static AnthropicError withRetryAfter(AnthropicError error, String retryAfter) {
        return retryAfter == null ? error
                : new AnthropicError(error.status(), error.type(), error.message(), retryAfter);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
