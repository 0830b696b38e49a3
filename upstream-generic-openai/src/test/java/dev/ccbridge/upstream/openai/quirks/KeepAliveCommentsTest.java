package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.UpstreamEvent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ccbridge.upstream.openai.quirks.Streams.data;
import static dev.ccbridge.upstream.openai.quirks.Streams.through;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KeepAliveCommentsTest {

    @Test
    void deepSeekAndOpenRouterCommentsAreDroppedAndEverythingElseKept() {
        UpstreamEvent chunk = data("{'id':'c','choices':[{'index':0,'delta':{'content':'Hi'}}]}");
        UpstreamEvent malformed = new UpstreamEvent.Malformed("{oops", "not JSON");
        List<UpstreamEvent> out = through(new KeepAliveComments(), List.of(
                new UpstreamEvent.Comment(" keep-alive"),
                new UpstreamEvent.Comment(" keep-alive"),
                new UpstreamEvent.Comment(" OPENROUTER PROCESSING"),
                chunk,
                new UpstreamEvent.Comment(""),
                malformed,
                new UpstreamEvent.Done()));
        assertEquals(List.of(chunk, malformed, new UpstreamEvent.Done()), out);
    }
}
