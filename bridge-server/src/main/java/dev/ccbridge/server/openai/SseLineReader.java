package dev.ccbridge.server.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines from an SSE byte stream as they arrive. Lines end with LF, CRLF or CR. Bytes are decoded as UTF-8
 * per whole line, so a multi-byte character split across network reads is never broken.
 */
public final class SseLineReader {

    private static final int READ_SIZE = 8192;

    private final InputStream in;
    private final byte[] buffer = new byte[READ_SIZE];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipLf;

    /**
     * @param in the stream to read; never closed by this reader
     */
    public SseLineReader(InputStream in) {
        this.in = in;
    }

    /**
     * @return the next line without its terminator, or {@code null} at the end of the stream
     * @throws IOException when reading fails
     */
    public String readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return lineLength > 0 ? takeLine() : null;
                }
            }
            byte b = buffer[position++];
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return takeLine();
            }
            if (b == '\r') {
                skipLf = true;
                return takeLine();
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
    }

    private String takeLine() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }
}
