package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.JsonText;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ccbridge.upstream.openai.quirks.Streams.data;
import static dev.ccbridge.upstream.openai.quirks.Streams.delta;
import static dev.ccbridge.upstream.openai.quirks.Streams.json;
import static dev.ccbridge.upstream.openai.quirks.Streams.through;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ContentPartsArrayTest {

    private final ContentPartsArray quirk = new ContentPartsArray();

    private static UpstreamEvent magistral(String delta, String finish) {
        return data("{'id':'4be07a12c9d3461f8e25b0c7d1a9f36e','object':'chat.completion.chunk','created':1767226800,"
                + "'model':'magistral-medium-2509','choices':[{'index':0,'delta':" + delta + ",'finish_reason':"
                + finish + "}]}");
    }

    @Test
    void magistralThinkingAndTextPartsBecomeReasoningAndContent() {
        List<UpstreamEvent> stream = List.of(
                magistral("{'role':'assistant','content':[{'type':'thinking','thinking':[{'type':'text',"
                        + "'text':'Seven times'}]}]}", "null"),
                magistral("{'content':[{'type':'thinking','thinking':[{'type':'text','text':' eight is 56.'}]}]}",
                        "null"),
                magistral("{'content':[{'type':'text','text':'7 × 8 = '}]}", "null"),
                magistral("{'content':'56'}", "null"),
                magistral("{'content':''}", "'stop'"));
        List<JsonObject> out = json(through(quirk, stream));
        assertEquals(JsonText.object("{'role':'assistant','reasoning_content':'Seven times'}"), delta(out.get(0)));
        assertEquals(JsonText.object("{'reasoning_content':' eight is 56.'}"), delta(out.get(1)));
        assertEquals(JsonText.object("{'content':'7 × 8 = '}"), delta(out.get(2)));
        assertSame(((UpstreamEvent.Data) stream.get(3)).json(), out.get(3), "string content is untouched");
        assertSame(((UpstreamEvent.Data) stream.get(4)).json(), out.get(4));
        assertEquals("magistral-medium-2509", out.get(0).getString("model"));
    }

    @Test
    void aPartArrayWithBothKindsFillsBothFields() {
        JsonObject out = json(through(quirk, List.of(magistral("{'content':[{'type':'thinking','thinking':"
                + "'plain string thinking'},{'type':'text','text':'Answer'},'tail']}", "null")))).getFirst();
        assertEquals(JsonText.object("{'content':'Answertail','reasoning_content':'plain string thinking'}"),
                delta(out));
    }

    @Test
    void magistralCompletionIsFlattened() {
        JsonObject completion = JsonText.object("{'id':'cmpl-m','object':'chat.completion','created':1767226800,"
                + "'model':'magistral-small-2509','choices':[{'index':0,'message':{'role':'assistant','content':["
                + "{'type':'thinking','thinking':[{'type':'text','text':'Compute 7*8.'}]},"
                + "{'type':'text','text':'56'}],'tool_calls':null},'finish_reason':'stop'}],"
                + "'usage':{'prompt_tokens':11,'completion_tokens':29,'total_tokens':40}}");
        JsonObject message = quirk.rewriteCompletion(completion).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message");
        assertEquals(JsonText.object("{'role':'assistant','tool_calls':null,'content':'56',"
                + "'reasoning_content':'Compute 7*8.'}"), message);
    }

    @Test
    void stringContentCompletionsAreUntouched() {
        JsonObject completion = JsonText.object("{'choices':[{'index':0,'message':{'role':'assistant',"
                + "'content':'56'}}]}");
        assertSame(completion, quirk.rewriteCompletion(completion));
    }
}
