package dev.ccbridge.replay.play;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Canonical JSON and SSE: what a replay may differ in (key order, spacing, pings) and what it may not. */
class CanonicalTest {

    @Test
    void objectKeyOrderAndSpacingDoNotMatter() {
        String one = "{\"b\":1,\"a\":{\"y\":[1,2],\"x\":null}}";
        String two = "{\n  \"a\" : { \"x\": null, \"y\": [ 1, 2 ] },\n  \"b\": 1\n}\n";

        assertEquals(Canonical.json(one), Canonical.json(two));
    }

    @Test
    void arrayOrderAndValuesDo() {
        assertNotEquals(Canonical.json("{\"a\":[1,2]}"), Canonical.json("{\"a\":[2,1]}"));
        assertNotEquals(Canonical.json("{\"a\":\"1\"}"), Canonical.json("{\"a\":1}"));
        assertNotEquals(Canonical.json("{\"a\":1}"), Canonical.json("{\"a\":1,\"b\":null}"));
    }

    @Test
    void canonicalJsonIsSortedAndOneMemberPerLine() {
        String canonical = Canonical.json("{\"b\":{\"d\":1,\"c\":2},\"a\":[true]}");

        assertTrue(canonical.indexOf("\"a\"") < canonical.indexOf("\"b\""), canonical);
        assertTrue(canonical.indexOf("\"c\"") < canonical.indexOf("\"d\""), canonical);
        assertEquals(9, canonical.lines().count(), canonical);
    }

    @Test
    void textThatIsNotJsonIsComparedAsItIs() {
        assertEquals("plain text", Canonical.json("plain text"));
        assertEquals("{not json", Canonical.json("{not json"));
        assertEquals("", Canonical.json(""));
    }

    @Test
    void sseEventsCompareByNameAndCanonicalDataWithoutPingsOrComments() {
        String recorded = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_rec0001","role":"assistant"}}

                event: ping
                data: {"type":"ping"}

                : a comment
                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

                """;
        String replayed = "event: message_start\r\ndata: {\"message\":{\"role\":\"assistant\",\"id\":\"msg_rec0001\"},"
                + "\"type\":\"message_start\"}\r\n\r\nevent: content_block_delta\r\ndata:{\"index\":0,\"type\":"
                + "\"content_block_delta\",\"delta\":{\"text\":\"Hi\",\"type\":\"text_delta\"}}";

        assertEquals(Canonical.sse(recorded), Canonical.sse(replayed));
        assertTrue(Canonical.sse(recorded).startsWith("event: message_start\n"), Canonical.sse(recorded));
        assertTrue(!Canonical.sse(recorded).contains("ping"), Canonical.sse(recorded));
    }

    @Test
    void sseIdAndRetryFieldsCarryNoData() {
        assertEquals(Canonical.sse("data: {\"a\":1}\n\n"), Canonical.sse("id: 7\nretry: 100\ndata: {\"a\":1}\n\n"));
    }

    @Test
    void sseEventsDifferWhenTheirNameOrOrderDoes() {
        String ab = "event: a\ndata: {\"n\":1}\n\nevent: b\ndata: {\"n\":2}\n\n";

        assertNotEquals(Canonical.sse(ab), Canonical.sse("event: b\ndata: {\"n\":2}\n\nevent: a\ndata: {\"n\":1}\n\n"));
        assertNotEquals(Canonical.sse(ab), Canonical.sse("event: a\ndata: {\"n\":1}\n\nevent: c\ndata: {\"n\":2}\n\n"));
        assertEquals("event: message\n{\n    \"n\": 1\n}\n", Canonical.sse("data: {\"n\":1}\n\n"));
    }

    @Test
    void multiLineDataIsJoinedAsTheSpecSays() {
        assertEquals(Canonical.sse("data: {\"a\":\ndata: 1}\n\n"), Canonical.sse("data: {\"a\":1}\n\n"));
    }
}
