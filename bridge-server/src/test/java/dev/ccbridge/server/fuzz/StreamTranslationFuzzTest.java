package dev.ccbridge.server.fuzz;

import dev.ccbridge.api.ChunkQuirk;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fuzzes the stream path ({@link StreamPipeline}): arbitrary upstream bodies (seeded with the upstream corpus
 * transcripts), and OpenAI-compatible streams built from fuzzer data ({@link OpenAiStreams}) cut at
 * fuzzer-chosen read boundaries and sometimes reset mid-body. Each body is relayed whole, a byte at a time and in
 * fragments: every client stream must pass the Anthropic stream grammar, and the three must be identical.
 * Regression inputs, including every crash Jazzer found, live in
 * {@code src/test/resources/dev/ccbridge/server/fuzz/StreamTranslationFuzzTestInputs/<method>/}.
 */
class StreamTranslationFuzzTest {

    /** Profiles whose stream quirks differ: the shape repairs alone, plus Mistral's, plus DeepSeek's. */
    private static final List<String> PROFILES = List.of("openai-compatible", "mistral", "deepseek");

    @FuzzTest
    void upstreamBytes(byte[] body) {
        int seed = Arrays.hashCode(body);
        int[] fragments = new Random(seed).ints(16, 1, 24).toArray();
        StreamPipeline.checkSplits(body, fragments, -1, quirks(PROFILES.get(Math.floorMod(seed, PROFILES.size()))));
    }

    @FuzzTest
    void generatedStream(FuzzedDataProvider data) {
        List<ChunkQuirk> quirks = quirks(data.pickValue(PROFILES));
        int[] fragments = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < fragments.length; i++) {
            fragments[i] = data.consumeInt(1, 40);
        }
        boolean reset = data.consumeInt(0, 7) == 0;
        byte[] body = OpenAiStreams.body(data).getBytes(StandardCharsets.UTF_8);
        int resetAt = reset ? data.consumeInt(0, body.length) : -1;
        StreamPipeline.checkSplits(body, fragments, resetAt, quirks);
    }

    private static List<ChunkQuirk> quirks(String profile) {
        return GenericUpstreams.adapter(profile).chunkQuirks(GenericUpstreams.MODEL);
    }
}
