package dev.ccbridge.server.http;

import dev.ccbridge.server.anthropic.AnthropicError;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling. Claude Code sends {@code Authorization: Bearer} for {@code ANTHROPIC_AUTH_TOKEN} and
 * {@code x-api-key} for {@code ANTHROPIC_API_KEY}, sometimes both; either may carry the gateway key. Keys are
 * compared in constant time.
 */
final class CallerAuth {

    private static final String BEARER = "bearer ";
    private static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");

    private final String gatewayKeyText;
    private final byte[] gatewayKey;

    /**
     * @param gatewayKey the key callers must present, or {@code null} to let everyone in
     */
    CallerAuth(String gatewayKey) {
        this.gatewayKeyText = gatewayKey;
        this.gatewayKey = gatewayKey == null ? null : gatewayKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The key a caller is counted by: the gateway key when there is one, since it is what admits the caller and a
     * caller could vary any other key at will (every holder of the gateway key shares its count); else the key it
     * presented (the bearer token first).
     *
     * @param headers the headers of an admitted request
     * @return the key, or empty for a caller without one
     */
    Optional<String> admittingKey(Headers headers) {
        return gatewayKeyText != null ? Optional.of(gatewayKeyText) : presentedKey(headers);
    }

    /**
     * The key to forward upstream when the upstream has no key of its own: the bearer token, else
     * {@code x-api-key}. The gateway key is never forwarded: it is this bridge's secret, not an upstream's key.
     *
     * @param headers the request headers
     * @return the key to forward, if the caller presented one
     */
    Optional<String> forwardableKey(Headers headers) {
        for (String key : candidates(headers)) {
            if (gatewayKey == null || !matches(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /**
     * @param headers the request headers
     * @return the key the caller presented (the bearer token first), whether or not it is the gateway key
     */
    Optional<String> presentedKey(Headers headers) {
        List<String> keys = candidates(headers);
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.getFirst());
    }

    /**
     * @param headers the request headers
     * @return the error to answer with, or empty when the caller may proceed
     */
    Optional<AnthropicError> check(Headers headers) {
        if (gatewayKey == null) {
            return Optional.empty();
        }
        List<String> candidates = candidates(headers);
        for (String candidate : candidates) {
            if (matches(candidate)) {
                return Optional.empty();
            }
        }
        boolean presented = !candidates.isEmpty();
        // 403, not 401: a wrong key is a configuration problem, and Claude Code retries 401 for minutes.
        return Optional.of(new AnthropicError(403, "permission_error", presented
                ? "the key Claude Code sent does not match this bridge's GATEWAY_API_KEY: set ANTHROPIC_AUTH_TOKEN "
                        + "to the bridge's GATEWAY_API_KEY and ANTHROPIC_API_KEY to \"\""
                : "this bridge requires a key: set ANTHROPIC_AUTH_TOKEN to the bridge's GATEWAY_API_KEY"));
    }

    /** Compares in constant time for a given gateway key: the loop runs over the gateway key's length. */
    private boolean matches(String candidate) {
        return MessageDigest.isEqual(gatewayKey, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param headers the request headers
     * @return the keys the caller presented, non-blank, the bearer token first
     */
    private static List<String> candidates(Headers headers) {
        List<String> keys = new ArrayList<>(2);
        headers.first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(v -> v.substring(BEARER.length()).strip())
                .filter(v -> !v.isEmpty())
                .ifPresent(keys::add);
        headers.first(X_API_KEY).map(String::strip).filter(v -> !v.isEmpty()).ifPresent(keys::add);
        return keys;
    }
}
