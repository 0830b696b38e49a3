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

    /**
     * Small, because the HTTP client allocates a buffer of the size asked for at every read, and an upstream stream
     * mostly sends one chunk of a few hundred bytes per read.
     */
    private static final int READ_SIZE = 2048;
    /** As much as the bridge accepts in a whole upstream body; a line that never ends must not take the heap. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
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
        this(in, MAX_LINE_BYTES);
    }

    SseLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * @return the next line without its terminator, or {@code null} at the end of the stream
     * @throws IOException when reading fails, or a line is longer than the limit
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
                if (lineLength >= maxLineBytes) {
                    throw new IOException("the upstream sent an SSE line longer than " + maxLineBytes + " bytes");
                }
                line = Arrays.copyOf(line, (int) Math.min((long) line.length * 2, maxLineBytes));
            }
            line[lineLength++] = b;
        }
    }

    private String takeLine() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }
}
