package dev.ccbridge.server.json;

/**
 * Strict UTF-8 (RFC 3629) for multi-byte sequences: no overlong forms, no encoded surrogates, nothing above
 * U+10FFFF, no truncated sequences.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * @param in bytes
     * @param p  where a byte of 0x80 or above is
     * @return the length of the well-formed sequence starting there (2 to 4), or -1 when there is none
     */
    static int sequenceLength(byte[] in, int p) {
        int lead = in[p] & 0xFF;
        if (lead < 0xC2 || lead > 0xF4) {
            return -1;
        }
        int size = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (p + size > in.length) {
            return -1;
        }
        int second = in[p + 1] & 0xFF;
        // The second byte's range is narrower after some lead bytes: that is what rules out overlong forms,
        // surrogates and code points beyond U+10FFFF.
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high) {
            return -1;
        }
        for (int k = p + 2; k < p + size; k++) {
            if ((in[k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return size;
    }

    /** @return the code point of the well-formed sequence of {@code size} bytes at {@code p} */
    static int codePoint(byte[] in, int p, int size) {
        int codePoint = in[p] & (0x7F >> size);
        for (int k = p + 1; k < p + size; k++) {
            codePoint = codePoint << 6 | in[k] & 0x3F;
        }
        return codePoint;
    }

    /** @return the code point at {@code p}, or U+FFFD when no well-formed sequence starts there */
    static int codePoint(byte[] in, int p) {
        int size = sequenceLength(in, p);
        return size < 0 ? 0xFFFD : codePoint(in, p, size);
    }

    /**
     * Decodes the well-formed sequence of {@code size} bytes at {@code p} into one char, or two for a code point
     * beyond the BMP.
     *
     * @return the index after the chars written
     */
    static int decode(byte[] in, int p, int size, char[] out, int at) {
        int codePoint = codePoint(in, p, size);
        if (size < 4) {
            out[at] = (char) codePoint;
            return at + 1;
        }
        out[at] = Character.highSurrogate(codePoint);
        out[at + 1] = Character.lowSurrogate(codePoint);
        return at + 2;
    }
}
