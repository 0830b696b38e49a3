package dev.ccbridge.server.tokens;

/**
 * Estimates the tokens of a PDF sent as a data URL. Upstreams turn each page into text plus an image; Anthropic
 * documents 1,500 to 3,000 tokens per page. Without parsing the PDF, the decoded size is the best proxy: about
 * one token per 40 bytes of a typical text PDF.
 */
final class DocumentTokens {

    private static final int BYTES_PER_TOKEN = 40;

    private DocumentTokens() {
    }

    static int estimate(String dataUrl) {
        int comma = dataUrl.indexOf(',');
        int base64Chars = comma < 0 ? dataUrl.length() : dataUrl.length() - comma - 1;
        long bytes = base64Chars * 3L / 4;
        return (int) Math.max(1, bytes / BYTES_PER_TOKEN);
    }
}
