package dev.ccbridge.server.translate;

import dev.ccbridge.server.json.JsonBytes;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;


/**
 * Reads Claude Code's {@code metadata.user_id}, a JSON string such as
 * {@code {"device_id":"...","account_uuid":"","session_id":"<uuid>"}}, into the hashed {@code user} and
 * {@code prompt_cache_key} sent upstream. Hashing keeps device and session identifiers out of third-party logs
 * while keeping per-session cache affinity.
 */
final class CallerIdentity {

    private static final int HASH_HEX = 32;

    private CallerIdentity() {
    }

    /** The {@code user} value: a hash of the whole user id. */
    static String user(String userId) {
        return "ccb-" + sha256(userId);
    }

    /** The {@code prompt_cache_key}: a hash of the session id in the user id, else of the session header. */
    static Optional<String> promptCacheKey(String userId, String sessionHeader) {
        return sessionId(userId).or(() -> Optional.ofNullable(sessionHeader).filter(s -> !s.isBlank()))
                .map(session -> "ccb-" + sha256(session));
    }

    private static Optional<String> sessionId(String userId) {
        if (userId == null || !userId.startsWith("{")) {
            return Optional.empty();
        }
        try {
            String session = JsonBytes.read(userId.getBytes(StandardCharsets.UTF_8)) instanceof JsonObject parsed
                    ? parsed.getString("session_id", "") : "";
            return session.isBlank() ? Optional.empty() : Optional.of(session);
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
