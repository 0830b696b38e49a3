package dev.ccbridge.server.openai;

import dev.ccbridge.api.UpstreamEvent;
import dev.ccbridge.server.testing.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upstream SSE into events: standard framing, and the sloppy framings real upstreams send. */
class UpstreamEventReaderTest {

    private static List<UpstreamEvent> events(InputStream in) throws IOException {
        UpstreamEventReader reader = new UpstreamEventReader(in);
        List<UpstreamEvent> events = new ArrayList<>();
        for (UpstreamEvent event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }

    private static List<UpstreamEvent> events(String text) throws IOException {
        return events(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static UpstreamEvent.Data data(String singleQuoted) {
        return new UpstreamEvent.Data(Json.q(singleQuoted));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void chunksAndDoneWithEveryLineEnding(String end) throws IOException {
        String text = "data: {\"choices\":[]}" + end + end + "data:{\"id\":1}" + end + end + "data: [DONE]" + end + end;

        List<UpstreamEvent> expected = List.of(data("{'choices':[]}"), data("{'id':1}"), new UpstreamEvent.Done());
        assertEquals(expected, events(text));
        assertEquals(expected, events(new SseLineReaderTest.OneByteAtATime(text)));
    }

    @Test
    void aMultiByteCharacterSplitAcrossReads() throws IOException {
        String text = "data: {\"content\":\"\u4e16\u754c \uD83C\uDF89\"}\n\n";

        assertEquals(List.of(data("{'content':'\u4e16\u754c \uD83C\uDF89'}")),
                events(new SseLineReaderTest.OneByteAtATime(text)));
    }

    @Test
    void bytesThatAreNotUtf8StandForTheReplacementCharacter() throws IOException {
        byte[] prefix = "data: {\"content\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "b\"}\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] stream = new byte[prefix.length + 1 + suffix.length];
        System.arraycopy(prefix, 0, stream, 0, prefix.length);
        stream[prefix.length] = (byte) 0xFF;
        System.arraycopy(suffix, 0, stream, prefix.length + 1, suffix.length);

        assertEquals(List.of(data("{'content':'a\uFFFDb'}")), events(new ByteArrayInputStream(stream)));
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() throws IOException {
        assertEquals(List.of(data("{'a':1,'b':[2,3]}")), events("data: {\"a\":1,\ndata: \"b\":[2,\ndata: 3]}\n\n"));
    }

    @Test
    void twoJsonDataLinesWithoutABlankLineAreTwoEvents() throws IOException {
        assertEquals(List.of(data("{'id':1}"), data("{'id':2}"), new UpstreamEvent.Done()),
                events("data: {\"id\":1}\ndata: {\"id\":2}\ndata: [DONE]\n\n"));
    }

    @Test
    void commentsAreEvents() throws IOException {
        assertEquals(List.of(new UpstreamEvent.Comment("OPENROUTER PROCESSING"), new UpstreamEvent.Comment(""),
                        data("{'id':1}")),
                events(": OPENROUTER PROCESSING\n\n:\n\ndata: {\"id\":1}\n\n"));
    }

    @Test
    void anErrorEventWrapsItsDataAsAnError() throws IOException {
        assertEquals(List.of(data("{'error':{'message':'boom','type':'server_error'}}")),
                events("event: error\ndata: {\"message\":\"boom\",\"type\":\"server_error\"}\n\n"));
    }

    @Test
    void anErrorEventThatIsAlreadyAnEnvelopeStaysAsItIs() throws IOException {
        assertEquals(List.of(data("{'error':{'message':'boom'}}")),
                events("event: error\ndata: {\"error\":{\"message\":\"boom\"}}\n\n"));
    }

    @Test
    void anErrorEventWithPlainTextIsStillAnError() throws IOException {
        assertEquals(List.of(data("{'error':{'message':'Internal Server Error'}}")),
                events("event: error\ndata: Internal Server Error\n\n"));
    }

    @Test
    void theEventNameAppliesToOneEventOnly() throws IOException {
        assertEquals(List.of(data("{'error':{'message':'x'}}"), data("{'message':'y'}")),
                events("event: error\ndata: {\"message\":\"x\"}\n\ndata: {\"message\":\"y\"}\n\n"));
    }

    @Test
    void unknownFieldsAreFieldEvents() throws IOException {
        String error = "{\"code\":500,\"message\":\"KV cache is full\",\"type\":\"server_error\"}";
        String llamaCpp = "data: {\"id\":1}\n\nerror: " + error + "\n\ndata: [DONE]\n\n";

        assertEquals(List.of(data("{'id':1}"), new UpstreamEvent.Field("error", error), new UpstreamEvent.Done()),
                events(llamaCpp));
    }

    @Test
    void idAndRetryFieldsAreIgnored() throws IOException {
        assertEquals(List.of(data("{'id':1}")), events("id: 7\nretry: 1000\ndata: {\"id\":1}\n\n"));
    }

    @Test
    void malformedJsonIsMalformed() throws IOException {
        List<UpstreamEvent> events = events("data: {\"id\":1,\n\ndata: [1,2]\n\ndata: hello\n\n");

        assertEquals(3, events.size());
        assertEquals("{\"id\":1,", assertInstanceOf(UpstreamEvent.Malformed.class, events.get(0)).raw());
        assertEquals("not a JSON object", assertInstanceOf(UpstreamEvent.Malformed.class, events.get(1)).problem());
        assertEquals("hello", assertInstanceOf(UpstreamEvent.Malformed.class, events.get(2)).raw());
    }

    @Test
    void anEventThatNeverEndsStopsAtTheLimitInsteadOfTakingTheHeap() throws IOException {
        String endless = ("data: " + "x".repeat(99) + "\n").repeat(30);
        UpstreamEventReader reader = new UpstreamEventReader(new ByteArrayInputStream(
                endless.getBytes(StandardCharsets.UTF_8)), 1000);

        IOException e = assertThrows(IOException.class, reader::next);
        assertTrue(e.getMessage().contains("longer than 1000 bytes"), e.getMessage());
    }

    @Test
    void textAfterTheJsonObjectIsMalformedNotDropped() throws IOException {
        UpstreamEvent event = events("data: {\"id\":1} {\"id\":2}\n\n").getFirst();

        assertEquals("{\"id\":1} {\"id\":2}", assertInstanceOf(UpstreamEvent.Malformed.class, event).raw());
    }

    @Test
    void theFinalEventNeedsNoBlankLine() throws IOException {
        assertEquals(List.of(data("{'id':1}"), new UpstreamEvent.Done()), events("data: {\"id\":1}\n\ndata: [DONE]"));
    }

    @Test
    void blankLinesAloneAreNoEvents() throws IOException {
        assertEquals(List.of(), events("\n\n\r\n\n"));
    }

    @Test
    void anEmptyStreamHasNoEvents() throws IOException {
        assertEquals(List.of(), events(""));
    }
}
