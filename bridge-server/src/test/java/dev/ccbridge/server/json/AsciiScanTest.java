package dev.ccbridge.server.json;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AsciiScanTest {

    @Test
    void findsWhatAByteByByteScanFindsFromEveryStart() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            byte[] ascii = new byte[random.nextInt(70)];
            // Mostly plain text, so that the specials land anywhere in a word, or in none.
            for (int i = 0; i < ascii.length; i++) {
                ascii[i] = (byte) (random.nextInt(12) == 0 ? random.nextInt(0x80) : 0x20 + random.nextInt(0x5F));
            }
            for (int from = 0; from <= ascii.length; from++) {
                assertEquals(naive(ascii, from), AsciiScan.nextSpecial(ascii, from, ascii.length),
                        "round " + round + " from " + from);
            }
        }
    }

    @Test
    void everyByteValueBelow0x80IsSpecialExactlyWhenJsonNeedsItEscaped() {
        for (int b = 0; b < 0x80; b++) {
            byte[] word = "abcdefghijklmnop".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            word[5] = (byte) b;
            boolean special = b < 0x20 || b == '"' || b == '\\';
            assertEquals(special ? 5 : word.length, AsciiScan.nextSpecial(word, 0, word.length), "byte " + b);
        }
    }

    private static int naive(byte[] ascii, int from) {
        int i = from;
        while (i < ascii.length && !(ascii[i] < 0x20 || ascii[i] == '"' || ascii[i] == '\\')) {
            i++;
        }
        return i;
    }
}
