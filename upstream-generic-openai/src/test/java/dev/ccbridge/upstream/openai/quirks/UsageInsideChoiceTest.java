package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.JsonText;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ccbridge.upstream.openai.quirks.Streams.data;
import static dev.ccbridge.upstream.openai.quirks.Streams.json;
import static dev.ccbridge.upstream.openai.quirks.Streams.through;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UsageInsideChoiceTest {

    private final UsageInsideChoice quirk = new UsageInsideChoice();

    @Test
    void moonshotFinishChunkUsageMovesToTheTop() {
        UpstreamEvent finish = data("{'id':'chatcmpl-6809b4e2a1f3c2d0b7e1','object':'chat.completion.chunk',"
                + "'created':1767225600,'model':'moonshot-v1-8k','choices':[{'index':0,'delta':{},"
                + "'finish_reason':'stop','usage':{'prompt_tokens':19,'completion_tokens':13,'total_tokens':32,"
                + "'cached_tokens':8}}]}");
        JsonObject out = json(through(quirk, List.of(finish))).getFirst();
        assertEquals(JsonText.object("{'prompt_tokens':19,'completion_tokens':13,'total_tokens':32,"
                + "'cached_tokens':8}"), out.getJsonObject("usage"));
        assertEquals(JsonText.object("{'index':0,'delta':{},'finish_reason':'stop'}"),
                out.getJsonArray("choices").getJsonObject(0));
        assertEquals("moonshot-v1-8k", out.getString("model"));
    }

    @Test
    void usageInsideTheChoiceOfAChunkWithNullTopLevelUsageMovesToo() {
        UpstreamEvent finish = data("{'id':'c','usage':null,'choices':[{'index':0,'delta':{},'finish_reason':'stop',"
                + "'usage':{'prompt_tokens':1,'completion_tokens':2,'total_tokens':3}}]}");
        assertEquals(3, json(through(quirk, List.of(finish))).getFirst().getJsonObject("usage")
                .getInt("total_tokens"));
    }

    @Test
    void topLevelUsageWins() {
        UpstreamEvent both = data("{'id':'c','choices':[{'index':0,'delta':{},'finish_reason':'stop','usage':"
                + "{'prompt_tokens':1,'completion_tokens':1,'total_tokens':2}}],'usage':{'prompt_tokens':5,"
                + "'completion_tokens':5,'total_tokens':10}}");
        assertEquals(List.of(both), through(quirk, List.of(both)));
    }

    @Test
    void completionUsageMovesToo() {
        JsonObject completion = JsonText.object("{'id':'cmpl','object':'chat.completion','model':'moonshot-v1-8k',"
                + "'choices':[{'index':0,'message':{'role':'assistant','content':'Hi'},'finish_reason':'stop',"
                + "'usage':{'prompt_tokens':19,'completion_tokens':1,'total_tokens':20}}]}");
        JsonObject out = quirk.rewriteCompletion(completion);
        assertEquals(20, out.getJsonObject("usage").getInt("total_tokens"));
        assertEquals(false, out.getJsonArray("choices").getJsonObject(0).containsKey("usage"));
    }
}
