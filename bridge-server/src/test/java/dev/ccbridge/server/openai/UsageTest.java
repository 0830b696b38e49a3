package dev.ccbridge.server.openai;

import dev.ccbridge.server.testing.Json;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Usage in its dialects and its placements: the trailing {@code choices:[]} chunk (OpenAI, Ollama, llama.cpp),
 * the finish chunk (DeepSeek, Groq, Mistral, GLM), {@code usage:null} on every other chunk, and the non-streamed
 * body; cache fields of OpenAI, DeepSeek, Moonshot and OpenRouter; xAI's reasoning outside the completion.
 */
class UsageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "OpenAI|{'prompt_tokens':2000,'completion_tokens':50,'total_tokens':2050,"
                    + "'prompt_tokens_details':{'cached_tokens':1536,'audio_tokens':0},"
                    + "'completion_tokens_details':{'reasoning_tokens':0}}|464|50|1536|0",
            "vLLM, null details|{'prompt_tokens':20,'completion_tokens':5,'total_tokens':25,"
                    + "'prompt_tokens_details':null}|20|5|0|0",
            "DeepSeek|{'prompt_tokens':1000,'completion_tokens':20,'total_tokens':1020,'prompt_cache_hit_tokens':768,"
                    + "'prompt_cache_miss_tokens':232}|232|20|768|0",
            "DeepSeek with details too|{'prompt_tokens':1000,'completion_tokens':20,'total_tokens':1020,"
                    + "'prompt_tokens_details':{'cached_tokens':768},'prompt_cache_hit_tokens':768}|232|20|768|0",
            "Moonshot|{'prompt_tokens':500,'completion_tokens':10,'total_tokens':510,'cached_tokens':300}|200|10|300|0",
            "OpenRouter|{'prompt_tokens':3000,'completion_tokens':40,'total_tokens':3040,'cost':0.0123,"
                    + "'prompt_tokens_details':{'cached_tokens':1000,'cache_write_tokens':1500}}|500|40|1000|1500",
            "xAI, reasoning outside completion|{'prompt_tokens':307,'completion_tokens':26,'total_tokens':560,"
                    + "'completion_tokens_details':{'reasoning_tokens':227},'num_sources_used':0}|307|253|0|0",
            "OpenAI, reasoning inside completion|{'prompt_tokens':307,'completion_tokens':253,'total_tokens':560,"
                    + "'completion_tokens_details':{'reasoning_tokens':227}}|307|253|0|0",
            "Gemini without completion_tokens|{'prompt_tokens':11,'total_tokens':40}|11|29|0|0",
            "Groq with timings|{'queue_time':0.02,'prompt_tokens':18,'prompt_time':0.001,'completion_tokens':9,"
                    + "'completion_time':0.01,'total_tokens':27,'total_time':0.011}|18|9|0|0",
            "nonsense numbers|{'prompt_tokens':-5,'completion_tokens':'many','total_tokens':null,"
                    + "'prompt_tokens_details':{'cached_tokens':9}}|0|0|9|0"})
    void dialects(String upstream, String usage, int input, int output, int cacheRead, int cacheWrite) {
        Usage read = Usage.read(Json.q(usage));

        assertEquals(input, read.uncachedInputTokens(), "input");
        assertEquals(output, read.outputTokens(), "output");
        assertEquals(cacheRead, read.cachedTokens(), "cache read");
        assertEquals(cacheWrite, read.cacheWriteTokens(), "cache write");
    }

    @Test
    void nullAndNonObjectsAreNoUsage() {
        assertNull(Usage.read(null));
        assertNull(Usage.read(JsonValue.NULL));
        assertNull(Usage.read(Json.parse("\"n/a\"")));
    }

    @Test
    void inTheTrailingChunkWithoutChoices() {
        ChatChunk chunk = ChunkDecoder.decode(Json.q("{'id':'c','object':'chat.completion.chunk','choices':[],"
                + "'usage':{'prompt_tokens':9,'completion_tokens':2,'total_tokens':11}}"));

        assertEquals(new Usage(9, 2, 0, 0, 0, 11), chunk.usage());
        assertNull(chunk.finishReason());
        assertNull(chunk.content());
    }

    @Test
    void onTheFinishChunkBesideTheFinishReason() {
        ChatChunk chunk = ChunkDecoder.decode(Json.q("{'choices':[{'index':0,'delta':{'content':''},"
                + "'finish_reason':'stop'}],'usage':{'prompt_tokens':9,'completion_tokens':2,'total_tokens':11,"
                + "'prompt_cache_hit_tokens':4}}"));

        assertEquals(new Usage(9, 2, 4, 0, 0, 11), chunk.usage());
        assertEquals("stop", chunk.finishReason());
    }

    @Test
    void nullOnContentChunks() {
        assertNull(ChunkDecoder.decode(Json.q("{'choices':[{'index':0,'delta':{'content':'Hi'},"
                + "'finish_reason':null}],'usage':null}")).usage());
    }

    @Test
    void inTheNonStreamedBody() {
        Completion completion = Completion.read(Json.q("{'choices':[{'index':0,'message':{'role':'assistant',"
                + "'content':'Hi'},'finish_reason':'stop'}],'usage':{'prompt_tokens':9,'completion_tokens':2,"
                + "'total_tokens':11,'prompt_tokens_details':{'cached_tokens':8}}}"));

        assertEquals(new Usage(9, 2, 8, 0, 0, 11), completion.usage());
        assertEquals(1, completion.usage().uncachedInputTokens());
    }

    @Test
    void aCompletionSentToAStreamKeepsItsUsage() {
        Completion completion = Completion.read(Json.q("{'choices':[{'index':0,'message':{'role':'assistant',"
                + "'content':'Hi'}}],'usage':{'prompt_tokens':9,'completion_tokens':2,'total_tokens':11}}"));

        ChatChunk chunk = completion.asChunk();

        assertEquals(completion.usage(), chunk.usage());
        assertEquals("stop", chunk.finishReason());
    }
}
