package dev.ccbridge.benchmarks;

import dev.ccbridge.api.UpstreamEvent;
import dev.ccbridge.server.anthropic.SseEncoder;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.openai.ChunkDecoder;
import dev.ccbridge.server.openai.UpstreamEventReader;
import dev.ccbridge.server.stream.StreamContext;
import dev.ccbridge.server.stream.StreamTranslator;
import dev.ccbridge.server.translate.ToolNames;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stream path: a whole upstream stream (text, a tool call in pieces, usage) read from bytes, translated and
 * encoded as Anthropic SSE; one text chunk through the same steps; and the encoding of one event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamPathBenchmark {

    private static final String TEXT_CHUNK = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,"
            + "\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the bridge\"},"
            + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

    private byte[] stream;
    private StreamTranslator open;
    private final List<StreamEvent> events = new ArrayList<>();
    private final SseEncoder encoder = new SseEncoder();

    @Setup
    public void setUp() {
        stream = Inputs.bytes(Inputs.STREAM);
        open = translator();
        open.onChunk(ChunkDecoder.decode(((UpstreamEvent.Data) UpstreamEventReader.parse(TEXT_CHUNK)).json()), events);
        events.clear();
    }

    @Benchmark
    public int translateStream() throws IOException {
        StreamTranslator translator = translator();
        SseEncoder out = new SseEncoder();
        out.append(translator.start());
        UpstreamEventReader reader = new UpstreamEventReader(new ByteArrayInputStream(stream));
        UpstreamEvent event;
        int written = 0;
        while ((event = reader.next()) != null) {
            switch (event) {
                case UpstreamEvent.Data data -> translator.onChunk(ChunkDecoder.decode(data.json()), events);
                case UpstreamEvent.Done done -> translator.onDone(events);
                default -> {
                }
            }
            for (StreamEvent translated : events) {
                out.append(translated);
            }
            events.clear();
            written += out.drain().length;
        }
        return written;
    }

    @Benchmark
    public int translateTextChunk() {
        UpstreamEvent.Data data = (UpstreamEvent.Data) UpstreamEventReader.parse(TEXT_CHUNK);
        open.onChunk(ChunkDecoder.decode(data.json()), events);
        for (StreamEvent event : events) {
            encoder.append(event);
        }
        events.clear();
        return encoder.drain().length;
    }

    @Benchmark
    public int writeSseEvent() {
        encoder.append(new StreamEvent.BlockDelta(3, StreamEvent.DeltaKind.TEXT, " the bridge"));
        return encoder.drain().length;
    }

    private static StreamTranslator translator() {
        return new StreamTranslator(new StreamContext("msg_benchmark", "claude-opus-5-5", 12000, new ToolNames(64),
                "upstream", List.of(), () -> "toolu_benchmark"));
    }
}
