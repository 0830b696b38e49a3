package dev.ccbridge.server.http;

import dev.ccbridge.server.anthropic.AnthropicError;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who is calling. Claude Code sends {@code Authorization: Bearer} for {@code ANTHROPIC_AUTH_TOKEN} and
 * {@code x-api-key} for {@code ANTHROPIC_API_KEY}, sometimes both; either may carry the gateway key. Keys are
 * compared in constant time.
 */
final class CallerAuth {

    private static final String BEARER = "bearer ";

    private final byte[] gatewayKey;

    /**
     * @param gatewayKey the key callers must present, or {@code null} to let everyone in
     */
    CallerAuth(String gatewayKey) {
        this.gatewayKey = gatewayKey == null ? null : gatewayKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param headers the request headers
     * @return the key the caller presented: the bearer token, else {@code x-api-key}
     */
    static Optional<String> callerKey(Headers headers) {
        Optional<String> bearer = headers.first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(v -> v.substring(BEARER.length()).strip())
                .filter(v -> !v.isEmpty());
        return bearer.or(() -> headers.first(HeaderNames.create("x-api-key")).map(String::strip)
                .filter(v -> !v.isEmpty()));
    }

    /**
     * @param headers the request headers
     * @return the error to answer with, or empty when the caller may proceed
     */
    Optional<AnthropicError> check(Headers headers) {
        if (gatewayKey == null) {
            return Optional.empty();
        }
        boolean presented = false;
        for (String candidate : candidates(headers)) {
            presented = true;
            if (MessageDigest.isEqual(gatewayKey, candidate.getBytes(StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
        }
        // 403, not 401: a wrong key is a configuration problem, and Claude Code retries 401 for minutes.
        return Optional.of(new AnthropicError(403, "permission_error", presented
                ? "the key Claude Code sent does not match this bridge's GATEWAY_API_KEY: set ANTHROPIC_AUTH_TOKEN "
                        + "to the bridge's GATEWAY_API_KEY and ANTHROPIC_API_KEY to \"\""
                : "this bridge requires a key: set ANTHROPIC_AUTH_TOKEN to the bridge's GATEWAY_API_KEY"));
    }

    private static java.util.List<String> candidates(Headers headers) {
        java.util.List<String> keys = new java.util.ArrayList<>(2);
        headers.first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(v -> v.substring(BEARER.length()).strip())
                .ifPresent(keys::add);
        headers.first(HeaderNames.create("x-api-key")).map(String::strip).ifPresent(keys::add);
        return keys;
    }
}
