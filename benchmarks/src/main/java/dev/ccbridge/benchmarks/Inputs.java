package dev.ccbridge.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The benchmark inputs, from the jar: a real Claude Code request and an OpenAI stream. */
final class Inputs {

    /** A Claude Code 2.1.329 request (system, 11 tools, history), about 49 KB, as recorded by the bridge. */
    static final String CLAUDE_CODE_REQUEST = "claude-code-request.json";
    /** The bench harness's 33 KB Claude-Code-like request. */
    static final String BENCH_REQUEST = "bench-request.json";
    /** An OpenAI stream: text, then a tool call in pieces, then usage. */
    static final String STREAM = "stream.sse";

    private Inputs() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Inputs.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
