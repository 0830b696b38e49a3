package dev.ccbridge.benchmarks;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.ReasoningDialect;
import dev.ccbridge.server.anthropic.MessagesRequest;
import dev.ccbridge.server.anthropic.MessagesRequestReader;
import dev.ccbridge.server.json.JsonBytes;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.tokens.TokenEstimate;
import dev.ccbridge.server.translate.RequestTranslator;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The request path, per request, as the bridge runs it: the client's JSON bytes read into the Anthropic model,
 * translated into the OpenAI request and written as bytes (copying the long strings it repeats); reading alone; and
 * the token estimate for {@code message_start}. {@link #jsonFloor} parses and writes the same bytes with JSON-P's
 * own reader and writer and nothing else: a reference that does not change with the bridge's code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestPathBenchmark {

    @Param({Inputs.CLAUDE_CODE_REQUEST, Inputs.BENCH_REQUEST})
    public String input;

    private byte[] body;
    private Capabilities capabilities;
    private JsonBytes.Document document;
    private JsonObject translated;

    @Setup
    public void setUp() {
        body = Inputs.bytes(input);
        capabilities = Capabilities.builder().reasoningDialect(ReasoningDialect.REASONING_EFFORT)
                .maxOutputTokens(32768).contextWindow(200000).build();
        document = JsonBytes.readDocument(body);
        translated = RequestTranslator.translate(MessagesRequestReader.read(document.value(), 32000), "gpt-5",
                capabilities, "upstream", "session").body();
    }

    @Benchmark
    public byte[] translateRequest() {
        JsonBytes.Document document = JsonBytes.readDocument(body);
        MessagesRequest request = MessagesRequestReader.read(document.value(), 32000);
        JsonObject translated = RequestTranslator.translate(request, "gpt-5", capabilities, "upstream", "session")
                .body();
        return JsonBytes.write(translated, body.length, document.rawStrings());
    }

    @Benchmark
    public int estimateInputTokens() {
        return TokenEstimate.countRequest(translated, document.rawStrings());
    }

    @Benchmark
    public JsonBytes.Document readRequest() {
        return JsonBytes.readDocument(body);
    }

    /** JSON-P's own reader and writer (Parsson) over the same request: the reference the guard divides by. */
    @Benchmark
    public byte[] jsonFloor() {
        JsonStructure parsed;
        try (JsonReader reader = JsonFactories.READERS.createReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8)) {
            parsed = reader.read();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        try (JsonWriter writer = JsonFactories.WRITERS.createWriter(out, StandardCharsets.UTF_8)) {
            writer.write(parsed);
        }
        return out.toByteArray();
    }
}
