package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Moves usage that Moonshot (moonshot-v1 streams) puts inside {@code choices[0].usage} to the top level, where the
 * OpenAI format has it; otherwise the token counts of the turn are lost.
 *
 * <p>Gate: only chunks with {@code choices[0].usage} and no top-level usage.
 */
public final class UsageInsideChoice implements ChunkQuirk {

    @Override
    public String name() {
        return "usage-inside-choice";
    }

    @Override
    public Rewriter open() {
        return event -> event instanceof UpstreamEvent.Data data ? new UpstreamEvent.Data(hoist(data.json())) : event;
    }

    @Override
    public JsonObject rewriteCompletion(JsonObject completion) {
        return hoist(completion);
    }

    private static JsonObject hoist(JsonObject json) {
        JsonObject choice = Chunks.firstChoice(json);
        if (choice == null || !(choice.get("usage") instanceof JsonObject usage) || !Chunks.isNull(json.get("usage"))) {
            return json;
        }
        return Json.createObjectBuilder(Chunks.withFirstChoice(json, Json.createObjectBuilder(choice)
                .remove("usage").build())).add("usage", usage).build();
    }
}
