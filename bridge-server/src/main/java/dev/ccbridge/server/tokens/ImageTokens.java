package dev.ccbridge.server.tokens;

import java.util.Base64;

/**
 * Estimates the tokens of an image the way Anthropic documents it: about width × height / 750, after scaling the
 * long edge down to 1568 pixels. The dimensions come from the PNG, GIF, WebP or JPEG header inside the data URL,
 * so nothing is decoded beyond the first bytes.
 */
final class ImageTokens {

    /** When the size cannot be read (a URL, an unknown format): a large image. */
    static final int UNKNOWN = 1600;
    private static final int MAX_EDGE = 1568;
    private static final int PIXELS_PER_TOKEN = 750;
    /** JPEG's size marker can sit behind EXIF data; look this far (in base64 characters). */
    private static final int HEADER_CHARS = 88_000;

    private ImageTokens() {
    }

    static int estimate(String url) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0) {
            return UNKNOWN;
        }
        int end = Math.min(url.length(), comma + 1 + HEADER_CHARS);
        end -= (end - comma - 1) % 4;
        byte[] head;
        try {
            head = Base64.getDecoder().decode(url.substring(comma + 1, end));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
        int[] size = size(head);
        if (size == null) {
            return UNKNOWN;
        }
        double width = size[0];
        double height = size[1];
        double scale = Math.min(1.0, MAX_EDGE / Math.max(width, height));
        return Math.max(1, (int) Math.ceil(width * scale * height * scale / PIXELS_PER_TOKEN));
    }

    /** @return {width, height} or {@code null} */
    static int[] size(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return new int[] {int32(b, 16), int32(b, 20)};
        }
        if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return new int[] {(b[6] & 0xFF) | (b[7] & 0xFF) << 8, (b[8] & 0xFF) | (b[9] & 0xFF) << 8};
        }
        if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[12] == 'V') {
            return webp(b);
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return jpeg(b);
        }
        return null;
    }

    private static int[] webp(byte[] b) {
        if (b[15] == ' ') {
            return new int[] {((b[26] & 0xFF) | (b[27] & 0xFF) << 8) & 0x3FFF,
                    ((b[28] & 0xFF) | (b[29] & 0xFF) << 8) & 0x3FFF};
        }
        if (b[15] == 'L') {
            int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
            return new int[] {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
        }
        if (b[15] == 'X') {
            return new int[] {((b[24] & 0xFF) | (b[25] & 0xFF) << 8 | (b[26] & 0xFF) << 16) + 1,
                    ((b[27] & 0xFF) | (b[28] & 0xFF) << 8 | (b[29] & 0xFF) << 16) + 1};
        }
        return null;
    }

    private static int[] jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            int length = (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                int height = (b[i + 5] & 0xFF) << 8 | (b[i + 6] & 0xFF);
                int width = (b[i + 7] & 0xFF) << 8 | (b[i + 8] & 0xFF);
                return new int[] {width, height};
            }
            i += 2 + length;
        }
        return null;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
