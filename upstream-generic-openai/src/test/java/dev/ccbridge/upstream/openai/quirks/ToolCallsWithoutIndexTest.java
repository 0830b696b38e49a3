package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ccbridge.upstream.openai.quirks.Streams.data;
import static dev.ccbridge.upstream.openai.quirks.Streams.delta;
import static dev.ccbridge.upstream.openai.quirks.Streams.json;
import static dev.ccbridge.upstream.openai.quirks.Streams.through;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ToolCallsWithoutIndexTest {

    private final ToolCallsWithoutIndex quirk = new ToolCallsWithoutIndex();

    /** Gemini's OpenAI endpoint: each call whole in its own chunk, no index, several calls in one turn. */
    private static final List<UpstreamEvent> GEMINI = List.of(
            data("{'choices':[{'delta':{'role':'assistant','tool_calls':[{'function':{'arguments':"
                    + "'{\\'file_path\\':\\'/a\\'}','name':'Read'},'id':'function-call-5531','type':'function'}]},"
                    + "'index':0}],'created':1767225600,'id':'gmx1','model':'gemini-2.5-flash',"
                    + "'object':'chat.completion.chunk'}"),
            data("{'choices':[{'delta':{'role':'assistant','tool_calls':[{'function':{'arguments':"
                    + "'{\\'file_path\\':\\'/b\\'}','name':'Read'},'id':'function-call-5532','type':'function'}]},"
                    + "'index':0}],'created':1767225600,'id':'gmx1','model':'gemini-2.5-flash',"
                    + "'object':'chat.completion.chunk'}"),
            data("{'choices':[{'delta':{'role':'assistant','tool_calls':[{'function':{'arguments':"
                    + "'{\\'command\\':\\'ls\\'}','name':'Bash'},'id':'function-call-5533','type':'function'}]},"
                    + "'finish_reason':'stop','index':0}],'created':1767225600,'id':'gmx1',"
                    + "'model':'gemini-2.5-flash','object':'chat.completion.chunk'}"));

    /** Mistral: both calls in one chunk, no index, nine-character ids (recorded shape). */
    private static final UpstreamEvent MISTRAL = data("{'id':'9c2e41f7b0a3485d96e1c7a2f5d08b34',"
            + "'object':'chat.completion.chunk','created':1767226800,'model':'mistral-medium-latest','choices':[{"
            + "'index':0,'delta':{'content':null,'tool_calls':[{'id':'Kq7ZpX2mB','function':{'name':'get_weather',"
            + "'arguments':'{\\'city\\': \\'Lyon\\'}'}},{'id':'t3RwN8vLc','function':{'name':'get_time',"
            + "'arguments':'{\\'tz\\': \\'Europe/Paris\\'}'}}]},'finish_reason':'tool_calls','logprobs':null}],"
            + "'usage':{'prompt_tokens':142,'total_tokens':181,'completion_tokens':39}}");

    @Test
    void geminiCallsAcrossChunksGetConsecutiveIndexes() {
        List<JsonObject> out = json(through(quirk, GEMINI));
        assertEquals(List.of(0, 1, 2), indexes(out));
        for (int i = 0; i < out.size(); i++) {
            JsonObject call = delta(out.get(i)).getJsonArray("tool_calls").getJsonObject(0);
            JsonObject original = delta(((UpstreamEvent.Data) GEMINI.get(i)).json())
                    .getJsonArray("tool_calls").getJsonObject(0);
            assertEquals(original, jakarta.json.Json.createObjectBuilder(call).remove("index").build(),
                    "only the index is added");
        }
        assertEquals("stop", out.get(2).getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void mistralTwoCallsInOneChunkGetTwoIndexes() {
        JsonObject out = json(through(quirk, List.of(MISTRAL))).getFirst();
        JsonArray calls = delta(out).getJsonArray("tool_calls");
        assertEquals(0, calls.getJsonObject(0).getInt("index"));
        assertEquals("Kq7ZpX2mB", calls.getJsonObject(0).getString("id"));
        assertEquals(1, calls.getJsonObject(1).getInt("index"));
        assertEquals("t3RwN8vLc", calls.getJsonObject(1).getString("id"));
        assertEquals(142, out.getJsonObject("usage").getInt("prompt_tokens"));
    }

    @Test
    void aPieceWithoutIdContinuesTheCurrentCall() {
        List<JsonObject> out = json(through(quirk, List.of(
                data("{'choices':[{'index':0,'delta':{'tool_calls':[{'id':'call_a','function':{'name':'Read',"
                        + "'arguments':''}}]}}]}"),
                data("{'choices':[{'index':0,'delta':{'tool_calls':[{'function':{'arguments':'{}'}}]}}]}"),
                data("{'choices':[{'index':0,'delta':{'tool_calls':[{'id':'call_b','function':{'name':'Bash',"
                        + "'arguments':''}}]}}]}"),
                data("{'choices':[{'index':0,'delta':{'tool_calls':[{'id':'','function':{'name':'',"
                        + "'arguments':'{}'}}]}}]}"),
                data("{'choices':[{'index':0,'delta':{'tool_calls':[{'id':'call_a','function':{"
                        + "'arguments':' '}}]}}]}"))));
        assertEquals(List.of(0, 0, 1, 1, 0), indexes(out));
    }

    @Test
    void namedCallsWithoutIdsAreSeparateCalls() {
        List<JsonObject> out = json(through(quirk, List.of(
                data("{'choices':[{'index':0,'delta':{'tool_calls':[{'function':{'name':'Read','arguments':'{}'}},"
                        + "{'function':{'name':'Bash','arguments':'{}'}}]}}]}"),
                data("{'choices':[{'index':0,'delta':{'tool_calls':[{'function':{'name':'Edit',"
                        + "'arguments':''}}]}}]}"),
                data("{'choices':[{'index':0,'delta':{'tool_calls':[{'function':{'arguments':'{}'}}]}}]}"))));
        assertEquals(List.of(0, 1, 2, 2), indexes(out));
    }

    @Test
    void indexedCallsAndOtherEventsPassUntouched() {
        UpstreamEvent indexed = data("{'choices':[{'index':0,'delta':{'tool_calls':[{'index':0,'id':'call_x',"
                + "'function':{'name':'Read','arguments':''}}]}}]}");
        UpstreamEvent text = data("{'choices':[{'index':0,'delta':{'content':'hi'}}]}");
        UpstreamEvent usage = data("{'choices':[],'usage':{'prompt_tokens':1,'completion_tokens':1,'total_tokens':2}}");
        var rewriter = quirk.open();
        for (UpstreamEvent event : List.of(indexed, text, usage, new UpstreamEvent.Comment("x"),
                new UpstreamEvent.Done())) {
            assertSame(event, rewriter.rewrite(event));
        }
    }

    @Test
    void eachStreamCountsFromZero() {
        assertEquals(List.of(0, 1, 2), indexes(json(through(quirk, GEMINI))));
        assertEquals(List.of(0, 1), indexes(json(through(quirk, List.of(MISTRAL)))));
    }

    private static List<Integer> indexes(List<JsonObject> chunks) {
        List<Integer> out = new ArrayList<>();
        for (JsonObject chunk : chunks) {
            for (var call : delta(chunk).getJsonArray("tool_calls")) {
                out.add(call.asJsonObject().getInt("index"));
            }
        }
        return out;
    }
}
