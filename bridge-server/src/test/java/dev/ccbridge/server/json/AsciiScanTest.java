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

    @Test
    void scansOfAnyBytesFindWhatAByteByByteScanFindsFromEveryStart() {
        Random random = new Random(11);
        for (int round = 0; round < 500; round++) {
            byte[] bytes = new byte[random.nextInt(70)];
            // Plain text with any byte now and then: controls, quotes, backslashes and bytes of 0x80 and above.
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(12) == 0 ? random.nextInt(0x100) : 0x20 + random.nextInt(0x5F));
            }
            for (int from = 0; from <= bytes.length; from++) {
                int special = from;
                while (special < bytes.length && bytes[special] >= 0x20 && bytes[special] != '"'
                        && bytes[special] != '\\') {
                    special++;
                }
                int quote = from;
                while (quote < bytes.length && bytes[quote] != '"' && bytes[quote] != '\\') {
                    quote++;
                }
                String at = "round " + round + " from " + from;
                assertEquals(special, AsciiScan.nextSpecialOrNonAscii(bytes, from, bytes.length), at);
                assertEquals(quote, AsciiScan.nextQuoteOrBackslash(bytes, from, bytes.length), at);
            }
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
