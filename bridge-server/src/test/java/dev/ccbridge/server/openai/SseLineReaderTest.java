package dev.ccbridge.server.openai;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lines of an SSE byte stream, however the network cuts them. */
class SseLineReaderTest {

    /** Hands out one byte per read, the worst a network can do. */
    static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int position;

        OneByteAtATime(String text) {
            this.bytes = text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int next = read();
            if (next < 0) {
                return -1;
            }
            b[off] = (byte) next;
            return 1;
        }
    }

    static List<String> lines(InputStream in) throws IOException {
        SseLineReader reader = new SseLineReader(in);
        List<String> lines = new ArrayList<>();
        for (String line = readLine(reader); line != null; line = readLine(reader)) {
            lines.add(line);
        }
        return lines;
    }

    private static String readLine(SseLineReader reader) throws IOException {
        return reader.next() ? new String(reader.line(), 0, reader.length(), StandardCharsets.UTF_8) : null;
    }

    static List<String> lines(String text) throws IOException {
        return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyLineEndingEndsALine(String end) throws IOException {
        String text = "data: a" + end + end + "data: b" + end;

        assertEquals(List.of("data: a", "", "data: b"), lines(text));
        assertEquals(List.of("data: a", "", "data: b"), lines(new OneByteAtATime(text)));
    }

    @Test
    void mixedLineEndings() throws IOException {
        assertEquals(List.of("a", "b", "", "c", "", "d"), lines("a\r\nb\n\nc\r\rd\n"));
    }

    @Test
    void aCrLfSplitAcrossReadsIsOneLineEnd() throws IOException {
        assertEquals(List.of("a", "b"), lines(new OneByteAtATime("a\r\nb\r\n")));
    }

    @Test
    void aMultiByteCharacterSplitAcrossReadsStaysWhole() throws IOException {
        String text = "data: {\"content\":\"h\u00e9llo \u4e16\u754c \uD83C\uDF89\"}\n";

        assertEquals(List.of("data: {\"content\":\"h\u00e9llo \u4e16\u754c \uD83C\uDF89\"}"),
                lines(new OneByteAtATime(text)));
    }

    @Test
    void theLastLineNeedsNoLineEnd() throws IOException {
        assertEquals(List.of("data: [DONE]"), lines("data: [DONE]"));
    }

    @Test
    void anEmptyStreamHasNoLines() throws IOException {
        assertNull(readLine(new SseLineReader(new ByteArrayInputStream(new byte[0]))));
    }

    @Test
    void aLongLineGrowsTheBuffer() throws IOException {
        String payload = "x".repeat(100_000);

        assertEquals(List.of("data: " + payload, "next"), lines("data: " + payload + "\nnext\n"));
    }

    @Test
    void aLineLongerThanTheLimitIsAnErrorNotAnEndlessBuffer() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        SseLineReader reader = new SseLineReader(endless, 1000);

        IOException e = assertThrows(IOException.class, () -> readLine(reader));
        assertTrue(e.getMessage().contains("longer than 1000 bytes"), e.getMessage());
        assertEquals("x".repeat(1000), readLine(new SseLineReader(new ByteArrayInputStream(("x".repeat(1000) + "\n")
                .getBytes(StandardCharsets.UTF_8)), 1000)));
    }
}
