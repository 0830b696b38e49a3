package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.AdapterConformanceTest;
import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.JsonText;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Upstream events from SSE text, and a quirk applied to them as the engine applies it. */
final class Streams {

    private Streams() {
    }

    /**
     * @param quirk  the quirk
     * @param events one stream's events
     * @return what one rewriter of the quirk passes on
     */
    static List<UpstreamEvent> through(ChunkQuirk quirk, List<UpstreamEvent> events) {
        return AdapterConformanceTest.run(List.of(quirk.open()), events);
    }

    /**
     * @param singleQuoted a chunk with {@code '} for {@code "}
     * @return a data event
     */
    static UpstreamEvent data(String singleQuoted) {
        return new UpstreamEvent.Data(JsonText.object(singleQuoted));
    }

    /**
     * @param events events that should all be data
     * @return their JSON
     */
    static List<JsonObject> json(List<UpstreamEvent> events) {
        List<JsonObject> out = new ArrayList<>();
        for (UpstreamEvent event : events) {
            out.add(((UpstreamEvent.Data) event).json());
        }
        return out;
    }

    /**
     * @param chunk a chunk
     * @return its first choice's delta
     */
    static JsonObject delta(JsonObject chunk) {
        return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }
}
