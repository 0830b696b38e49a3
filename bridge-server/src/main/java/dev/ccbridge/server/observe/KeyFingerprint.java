package dev.ccbridge.server.observe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names a caller's key without revealing it: the first 12 hex digits of its SHA-256, prefixed {@code key-}. Stable
 * across restarts and replicas, so usage can be attributed by key; far too short to be guessed back.
 */
public final class KeyFingerprint {

    /** Copied for each use: looking the algorithm up among the providers costs more than the digest. */
    private static final MessageDigest SHA_256 = sha256();
    /** A bridge sees a handful of keys, each on every one of its requests; many more start the table over. */
    private static final int REMEMBERED = 256;
    private static final Map<String, String> FINGERPRINTS = new ConcurrentHashMap<>();

    private KeyFingerprint() {
    }

    /**
     * @param key the key
     * @return its fingerprint, e.g. {@code key-3f2a9c1b07de}
     */
    public static String of(String key) {
        String known = FINGERPRINTS.get(key);
        if (known != null) {
            return known;
        }
        if (FINGERPRINTS.size() >= REMEMBERED) {
            FINGERPRINTS.clear();
        }
        String fingerprint = digest(key);
        FINGERPRINTS.put(key, fingerprint);
        return fingerprint;
    }

    private static String digest(String key) {
        MessageDigest sha256;
        try {
            sha256 = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            sha256 = sha256();
        }
        byte[] digest = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
        return "key-" + HexFormat.of().formatHex(digest, 0, 6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
