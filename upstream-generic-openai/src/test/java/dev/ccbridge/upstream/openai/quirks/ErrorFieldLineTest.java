package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.JsonText;
import dev.ccbridge.api.UpstreamEvent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ccbridge.upstream.openai.quirks.Streams.data;
import static dev.ccbridge.upstream.openai.quirks.Streams.through;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorFieldLineTest {

    private final ErrorFieldLine quirk = new ErrorFieldLine();

    @Test
    void llamaCppErrorLineBecomesAnOpenAiErrorEvent() {
        UpstreamEvent text = data("{'choices':[{'finish_reason':null,'index':0,'delta':{'content':' here'}}],"
                + "'created':1767227200,'id':'chatcmpl-Hk4W','model':'Qwen3-8B-Q4_K_M.gguf',"
                + "'object':'chat.completion.chunk'}");
        UpstreamEvent error = new UpstreamEvent.Field("error", "{\"code\":500,\"message\":\"Failed to decode the "
                + "batch: KV cache is full - try increasing it via the context size\",\"type\":\"server_error\"}");
        List<UpstreamEvent> out = through(quirk, List.of(text, error, new UpstreamEvent.Done()));
        assertEquals(List.of(text, data("{'error':{'code':500,'message':'Failed to decode the batch: KV cache is "
                + "full - try increasing it via the context size','type':'server_error'}}"),
                new UpstreamEvent.Done()), out);
    }

    @Test
    void aValueThatIsNotAJsonObjectBecomesTheMessage() {
        List<UpstreamEvent> out = through(quirk, List.of(
                new UpstreamEvent.Field("error", "upstream connection reset"),
                new UpstreamEvent.Field("error", "[\"not\",\"an\",\"object\"]")));
        assertEquals(List.of(
                new UpstreamEvent.Data(JsonText.object("{'error':{'message':'upstream connection reset',"
                        + "'type':'server_error'}}")),
                new UpstreamEvent.Data(JsonText.object("{'error':{'message':'[\\'not\\',\\'an\\',\\'object\\']',"
                        + "'type':'server_error'}}"))), out);
    }

    @Test
    void otherFieldsPassUntouched() {
        UpstreamEvent event = new UpstreamEvent.Field("event", "message");
        UpstreamEvent retry = new UpstreamEvent.Field("retry", "3000");
        assertEquals(List.of(event, retry), through(quirk, List.of(event, retry)));
    }
}
