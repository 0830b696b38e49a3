package dev.ccbridge.server.json;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonOutputTest {

    /** JSON-P's own generator, what the bridge's writer is held to. */
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    @Test
    void writesMemberByMemberExactlyAsAJsonPGeneratorDoes() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (JsonGenerator json = GENERATORS.createGenerator(expected, StandardCharsets.UTF_8)) {
            json.writeStartObject()
                    .write("type", "message_start")
                    .writeStartObject("message")
                    .write("text", "line one\nline \"two\" \u00e9\u4e2d\uD83D\uDE00 \t\\")
                    .writeStartArray("content").writeEnd()
                    .writeNull("stop_reason")
                    .write("count", 12345678901L)
                    .write("negative", -3)
                    .writeStartArray("list").write(1).write("two").writeStartObject().writeEnd().writeNull()
                    .writeStartArray().write("nested").writeEnd().writeEnd()
                    .write("tree", Json2.tree())
                    .writeEnd()
                    .writeEnd();
        }
        JsonOutput actual = new JsonOutput(8)
                .startObject()
                .name("type").string("message_start")
                .name("message").startObject()
                .name("text").string("line one\nline \"two\" \u00e9\u4e2d\uD83D\uDE00 \t\\")
                .name("content").startArray().endArray()
                .name("stop_reason").nullValue()
                .name("count").number(12345678901L)
                .name("negative").number(-3)
                .name("list").startArray().number(1).string("two").startObject().endObject().string(null)
                .startArray().string("nested").endArray().endArray()
                .name("tree").value(Json2.tree())
                .endObject()
                .endObject();
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }

    @Test
    void rawBytesSeparateDocumentsAndResetKeepsNothing() throws IOException {
        JsonOutput out = new JsonOutput(4);
        out.raw("data: ").startObject().name("a").number(1).endObject().raw("\n\n".getBytes(StandardCharsets.UTF_8))
                .raw("data: ").startObject().endObject();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        out.writeTo(sink);
        assertEquals("data: {\"a\":1}\n\ndata: {}", sink.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, out.size());
        assertEquals("[]", new String(out.startArray().endArray().toByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void longStringsMatchJsonPWhereverAnEscapeOrASurrogatePairFallsAgainstTheWritersInternalSegments() {
        String mixed = "plain ascii \"quoted\" \\ tab\t nl\n ctl\u0001 \u00e9\u4e2d\uD83D\uDE00 ";
        for (int pad = 0; pad < 24; pad++) {
            String text = "x".repeat(500 + pad) + mixed.repeat(60) + "\uD83D\uDE00".repeat(300) + "end";
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (JsonGenerator json = GENERATORS.createGenerator(expected, StandardCharsets.UTF_8)) {
                json.writeStartArray().write(text).writeEnd();
            }
            byte[] actual = new JsonOutput(16).startArray().string(text).endArray().toByteArray();
            assertArrayEquals(expected.toByteArray(), actual, "padding " + pad);
        }
    }

    /** A JSON-P tree with every kind of value. */
    private static final class Json2 {
        static jakarta.json.JsonObject tree() {
            return JsonFactories.BUILDERS.createObjectBuilder()
                    .add("s", "x").add("n", 1.5).add("t", true).add("f", false).addNull("z")
                    .add("a", JsonFactories.BUILDERS.createArrayBuilder().add(1).add("\u0000"))
                    .build();
        }
    }
}
