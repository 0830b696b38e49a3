package dev.ccbridge.server.openai;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines from an SSE byte stream as they arrive. Lines end with LF, CRLF or CR. A line is handed over as bytes,
 * whole, so a multi-byte character split across network reads is never broken, and a {@code data:} line's JSON is
 * read from them without being decoded into a string first.
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
     * Reads the next line, without its terminator, into {@link #line()}.
     *
     * @return whether there was one; {@code false} at the end of the stream
     * @throws IOException when reading fails, or a line is longer than the limit
     */
    boolean next() throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return lineLength > 0;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int end = position;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            append(end - position);
            if (end < limit) {
                skipLf = buffer[end] == '\r';
                position = end + 1;
                return true;
            }
            position = end;
        }
    }

    /** @return the bytes of the line {@link #next()} read, in {@code [0, length())}; overwritten by the next */
    byte[] line() {
        return line;
    }

    /** @return the length of the line {@link #next()} read */
    int length() {
        return lineLength;
    }

    private void append(int count) throws IOException {
        if (lineLength + count > line.length) {
            if ((long) lineLength + count > maxLineBytes) {
                throw new IOException("the upstream sent an SSE line longer than " + maxLineBytes + " bytes");
            }
            line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, lineLength + count),
                    maxLineBytes));
        }
        System.arraycopy(buffer, position, line, lineLength, count);
        lineLength += count;
    }
}
