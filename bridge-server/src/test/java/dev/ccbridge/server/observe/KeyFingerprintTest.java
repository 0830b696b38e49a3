package dev.ccbridge.server.observe;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyFingerprintTest {

    @Test
    void aFingerprintIsTheFirstTwelveHexDigitsOfTheKeysSha256() {
        // SHA-256("abc") = ba7816bf8f01cfea...
        assertEquals("key-ba7816bf8f01", KeyFingerprint.of("abc"));
        assertEquals("key-ba7816bf8f01", KeyFingerprint.of("abc"));
    }

    @Test
    void manyMoreKeysThanAreRememberedAllGetTheirOwnFingerprint() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 1_000; i++) {
                String key = "sk-test-key-" + i;
                String expected = "key-" + HexFormat.of().formatHex(
                        sha256.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 6);
                assertEquals(expected, KeyFingerprint.of(key), key);
            }
        }
    }
}
