package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.JsonText;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.ccbridge.upstream.openai.quirks.Streams.data;
import static dev.ccbridge.upstream.openai.quirks.Streams.delta;
import static dev.ccbridge.upstream.openai.quirks.Streams.json;
import static dev.ccbridge.upstream.openai.quirks.Streams.through;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepeatedToolCallIdsTest {

    private final RepeatedToolCallIds quirk = new RepeatedToolCallIds();

    /** lmdeploy: every turn numbers its calls "0", "1", repeating the id on each piece of a call. */
    private static List<UpstreamEvent> lmdeployTurn(String responseId) {
        String head = "{'id':'" + responseId + "','object':'chat.completion.chunk','created':1767225600,"
                + "'model':'internlm3-8b-instruct','choices':[{'index':0,'delta':{'tool_calls':[";
        return List.of(
                data(head + "{'index':0,'id':'0','type':'function','function':{'name':'Read','arguments':''}}]}}]}"),
                data(head + "{'index':0,'id':'0','type':'function','function':{'arguments':'{}'}}]}}]}"),
                data(head + "{'index':1,'id':'1','type':'function','function':{'name':'Bash','arguments':''}}]}}]}"),
                data(head + "{'index':1,'id':'1','type':'function','function':{'arguments':'{}'}}]}}]}"));
    }

    @Test
    void numericIdsBecomeStablePerCallAndUniqueAcrossResponses() {
        List<String> first = ids(json(through(quirk, lmdeployTurn("1"))));
        List<String> second = ids(json(through(quirk, lmdeployTurn("2"))));
        assertEquals(first.get(0), first.get(1), "pieces of one call keep one id");
        assertEquals(first.get(2), first.get(3));
        assertEquals(second.get(0), second.get(1));
        Set<String> distinct = new HashSet<>(List.of(first.get(0), first.get(2), second.get(0), second.get(2)));
        assertEquals(4, distinct.size(), "calls of two responses must not collide: " + distinct);
        for (String id : distinct) {
            assertTrue(id.matches("call_[0-9a-f]{24}"), id);
        }
    }

    @Test
    void theSameStreamGivesTheSameIds() {
        assertEquals(ids(json(through(quirk, lmdeployTurn("7")))),
                ids(json(through(quirk, lmdeployTurn("7")))));
    }

    @Test
    void otherIdsPassUntouched() {
        UpstreamEvent openAi = data("{'id':'chatcmpl-1','choices':[{'index':0,'delta':{'tool_calls':[{'index':0,"
                + "'id':'call_Ab12','type':'function','function':{'name':'Read','arguments':''}}]}}]}");
        UpstreamEvent moonshot = data("{'id':'c2','choices':[{'index':0,'delta':{'tool_calls':[{'index':0,"
                + "'id':'functions.read:0','type':'function','function':{'name':'read','arguments':''}}]}}]}");
        UpstreamEvent continuation = data("{'id':'c3','choices':[{'index':0,'delta':{'tool_calls':[{'index':0,"
                + "'function':{'arguments':'{}'}}]}}]}");
        var rewriter = quirk.open();
        for (UpstreamEvent event : List.of(openAi, moonshot, continuation)) {
            assertSame(event, rewriter.rewrite(event));
        }
    }

    @Test
    void completionsGetTheSameRepair() {
        JsonObject completion = JsonText.object("{'id':'3','object':'chat.completion','created':1767225600,"
                + "'model':'internlm3-8b-instruct','choices':[{'index':0,'message':{'role':'assistant',"
                + "'content':null,'tool_calls':[{'id':'0','type':'function','function':{'name':'Read',"
                + "'arguments':'{}'}},{'id':'1','type':'function','function':{'name':'Bash','arguments':'{}'}}]},"
                + "'finish_reason':'tool_calls'}]}");
        JsonObject out = quirk.rewriteCompletion(completion);
        var calls = out.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getJsonArray("tool_calls");
        String first = calls.getJsonObject(0).getString("id");
        String second = calls.getJsonObject(1).getString("id");
        assertTrue(first.startsWith("call_") && second.startsWith("call_") && !first.equals(second), calls.toString());
        assertEquals("Read", calls.getJsonObject(0).getJsonObject("function").getString("name"));
        JsonObject standard = JsonText.object("{'id':'x','choices':[{'index':0,'message':{'role':'assistant',"
                + "'tool_calls':[{'id':'call_q','type':'function','function':{'name':'R','arguments':'{}'}}]}}]}");
        assertSame(standard, quirk.rewriteCompletion(standard));
    }

    private static List<String> ids(List<JsonObject> chunks) {
        List<String> out = new ArrayList<>();
        for (JsonObject chunk : chunks) {
            out.add(delta(chunk).getJsonArray("tool_calls").getJsonObject(0).getString("id"));
        }
        return out;
    }
}
