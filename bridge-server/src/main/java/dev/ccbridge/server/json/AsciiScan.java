package dev.ccbridge.server.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next byte of ASCII text that a JSON string cannot hold as it is, eight bytes at a time: a control
 * character, {@code "} or {@code \}. Word-at-a-time tests (the "has a zero byte" and "has a byte less than n" bit
 * tricks) that are exact for bytes below 0x80.
 */
final class AsciiScan {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = ' ' * ONES;

    private AsciiScan() {
    }

    /**
     * @param ascii bytes below 0x80
     * @param from  where to start
     * @param to    where to stop
     * @return the index of the first byte from {@code from} that is below 0x20, {@code "} or {@code \}; {@code to}
     *         when there is none
     */
    static int nextSpecial(byte[] ascii, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long word = (long) WORDS.get(ascii, i);
            long found = (word - SPACES & ~word) | zeroByte(word ^ QUOTES) | zeroByte(word ^ BACKSLASHES);
            if ((found & HIGHS) != 0) {
                break;
            }
            i += Long.BYTES;
        }
        while (i < to && !special(ascii[i])) {
            i++;
        }
        return i;
    }

    /**
     * @param bytes any bytes, e.g. UTF-8
     * @param from  where to start
     * @param to    where to stop
     * @return the index of the first byte from {@code from} that {@link #nextSpecial} stops at or that is 0x80 or
     *         above; {@code to} when there is none
     */
    static int nextSpecialOrNonAscii(byte[] bytes, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long word = (long) WORDS.get(bytes, i);
            // A byte of 0x80 or above sets its own high bit; only when there is none are the tests below exact.
            long found = word | (word - SPACES & ~word) | zeroByte(word ^ QUOTES) | zeroByte(word ^ BACKSLASHES);
            if ((found & HIGHS) != 0) {
                break;
            }
            i += Long.BYTES;
        }
        while (i < to && bytes[i] >= 0 && !special(bytes[i])) {
            i++;
        }
        return i;
    }

    /**
     * @param bytes any bytes, e.g. UTF-8
     * @param from  where to start
     * @param to    where to stop
     * @return the index of the first {@code "} or {@code \} from {@code from}; {@code to} when there is none
     */
    static int nextQuoteOrBackslash(byte[] bytes, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long word = (long) WORDS.get(bytes, i);
            // Exact for any bytes: the "has a zero byte" test errs only in bytes after a true zero.
            if (((zeroByte(word ^ QUOTES) | zeroByte(word ^ BACKSLASHES)) & HIGHS) != 0) {
                break;
            }
            i += Long.BYTES;
        }
        while (i < to && bytes[i] != '"' && bytes[i] != '\\') {
            i++;
        }
        return i;
    }

    static boolean special(byte b) {
        return b < 0x20 || b == '"' || b == '\\';
    }

    /**
     * A word whose high bits, masked, are set at the word's first zero byte and possibly after it, and nowhere if
     * it has none; for any bytes.
     */
    private static long zeroByte(long word) {
        return word - ONES & ~word;
    }
}
